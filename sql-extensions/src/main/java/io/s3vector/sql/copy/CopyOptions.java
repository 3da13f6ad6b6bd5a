package io.s3vector.sql.copy;

import java.util.List;

/**
 * COPY's format options, with PostgreSQL's defaults per format: text (tab, {@code \N}), csv
 * (comma, empty string, double quote), binary. {@code forceQuote} (COPY TO, csv only) names the
 * columns quoted even when they need not be; {@code forceQuoteAll} is {@code FORCE_QUOTE *}.
 */
public record CopyOptions(Format format, char delimiter, String nullString, boolean header,
    char quote, char escape, boolean forceQuoteAll, List<String> forceQuote,
    List<String> forceNotNull, List<String> forceNull) {

  public enum Format {
    TEXT,
    CSV,
    BINARY
  }

  public CopyOptions {
    forceQuote = List.copyOf(forceQuote);
    forceNotNull = List.copyOf(forceNotNull);
    forceNull = List.copyOf(forceNull);
  }

  /** Options with PostgreSQL's defaults for what was not given (null), no FORCE_QUOTE. */
  public static CopyOptions of(Format format, Character delimiter, String nullString,
      boolean header, Character quote, Character escape) {
    return of(format, delimiter, nullString, header, quote, escape, false, List.of());
  }

  /** Options with PostgreSQL's defaults for what was not given (null). */
  public static CopyOptions of(Format format, Character delimiter, String nullString,
      boolean header, Character quote, Character escape, boolean forceQuoteAll,
      List<String> forceQuote) {
    boolean csv = format == Format.CSV;
    char q = quote != null ? quote : '"';
    return new CopyOptions(format,
        delimiter != null ? delimiter : csv ? ',' : '\t',
        nullString != null ? nullString : csv ? "" : "\\N",
        header, q, escape != null ? escape : q, forceQuoteAll, forceQuote, List.of(), List.of());
  }
}
