package io.s3vector.storage.table;

/**
 * nextval of a serial or identity column's sequence past its end, without CYCLE: PostgreSQL's
 * {@code sequence_generator_limit_exceeded} (2200H), with its message.
 */
public final class SequenceExhaustedException extends io.s3vector.storage.StorageException {
  private static final long serialVersionUID = 1L;

  public SequenceExhaustedException(String table, String column, SerialSequence sequence) {
    super("nextval: reached " + (sequence.options().increment() > 0 ? "maximum" : "minimum")
        + " value of sequence \"" + table + "_" + column + "_seq\" (" + sequence.end() + ")");
  }
}
