package io.s3vector.sql;

/** The transaction status ReadyForQuery reports. */
public enum TransactionStatus {
  /** 'I': not in a transaction block. */
  IDLE('I'),
  /** 'T': in a transaction block. */
  IN_BLOCK('T'),
  /** 'E': in a failed transaction block; statements are refused until ROLLBACK. */
  FAILED('E');

  private final char indicator;

  TransactionStatus(char indicator) {
    this.indicator = indicator;
  }

  public char indicator() {
    return indicator;
  }
}
