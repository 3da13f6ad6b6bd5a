package io.s3vector.sql.copy;

/**
 * COPY's format options, with PostgreSQL's defaults per format: text (tab, {@code \N}), csv
 * (comma, empty string, double quote), binary.
 */
public record CopyOptions(Format format, char delimiter, String nullString, boolean header,
    char quote, char escape) {

  public enum Format {
    TEXT,
    CSV,
    BINARY
  }

  /** Options with PostgreSQL's defaults for what was not given (null). */
  public static CopyOptions of(Format format, Character delimiter, String nullString,
      boolean header, Character quote, Character escape) {
    boolean csv = format == Format.CSV;
    char q = quote != null ? quote : '"';
    return new CopyOptions(format,
        delimiter != null ? delimiter : csv ? ',' : '\t',
        nullString != null ? nullString : csv ? "" : "\\N",
        header, q, escape != null ? escape : q);
  }
}
