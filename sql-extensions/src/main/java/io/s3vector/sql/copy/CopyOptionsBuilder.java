package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.List;

/**
 * The options as written, checked as PostgreSQL's ProcessCopyOptions checks them, in its order and
 * with its messages and SQLSTATEs, so a client sees the same first error. Values stay Strings
 * until then because "must be a single one-byte character" is one of those checks.
 */
final class CopyOptionsBuilder {
  CopyOptions.Format format = CopyOptions.Format.TEXT;
  String delimiter;
  String nullString;
  boolean header;
  /** HEADER MATCH (PostgreSQL 15, COPY FROM only). */
  boolean headerMatch;
  String quote;
  String escape;
  boolean forceQuoteAll;
  List<String> forceQuote;
  List<String> forceNotNull;
  List<String> forceNull;

  CopyOptions build(boolean from) {
    boolean binary = format == CopyOptions.Format.BINARY;
    boolean csv = format == CopyOptions.Format.CSV;
    if (binary && delimiter != null) {
      throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
    }
    if (binary && nullString != null) {
      throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
    }
    String delim = delimiter != null ? delimiter : csv ? "," : "\t";
    String nul = nullString != null ? nullString : csv ? "" : "\\N";
    if (!singleByte(delim)) {
      throw unsupported("COPY delimiter must be a single one-byte character");
    }
    if (delim.equals("\r") || delim.equals("\n")) {
      throw invalid("COPY delimiter cannot be newline or carriage return");
    }
    if (nul.indexOf('\r') >= 0 || nul.indexOf('\n') >= 0) {
      throw invalid("COPY null representation cannot use newline or carriage return");
    }
    // a backslash, a dot, letters and digits would read as escapes or the end marker
    if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(delim.charAt(0)) >= 0) {
      throw invalid("COPY delimiter cannot be \"" + delim + "\"");
    }
    if (binary && header) {
      throw unsupported("cannot specify HEADER in BINARY mode");
    }
    if (headerMatch && !from) {
      throw unsupported("cannot use \"match\" with HEADER in COPY TO");
    }
    if (headerMatch) {
      throw unsupported("HEADER MATCH is not supported");
    }
    if (!csv && quote != null) {
      throw unsupported("COPY quote available only in CSV mode");
    }
    String q = quote != null ? quote : "\"";
    if (csv && !singleByte(q)) {
      throw unsupported("COPY quote must be a single one-byte character");
    }
    if (csv && delim.equals(q)) {
      throw invalid("COPY delimiter and quote must be different");
    }
    if (!csv && escape != null) {
      throw unsupported("COPY escape available only in CSV mode");
    }
    String e = escape != null ? escape : q;
    if (csv && !singleByte(e)) {
      throw unsupported("COPY escape must be a single one-byte character");
    }
    boolean forcing = forceQuoteAll || forceQuote != null;
    if (!csv && forcing) {
      throw unsupported("COPY force quote available only in CSV mode");
    }
    if (forcing && from) {
      throw unsupported("COPY force quote only available using COPY TO");
    }
    if (!csv && forceNotNull != null) {
      throw unsupported("COPY force not null available only in CSV mode");
    }
    if (forceNotNull != null && !from) {
      throw unsupported("COPY force not null only available using COPY FROM");
    }
    if (!csv && forceNull != null) {
      throw unsupported("COPY force null available only in CSV mode");
    }
    if (forceNull != null && !from) {
      throw unsupported("COPY force null only available using COPY FROM");
    }
    if (nul.indexOf(delim.charAt(0)) >= 0) {
      throw unsupported("COPY delimiter must not appear in the NULL specification");
    }
    if (csv && nul.indexOf(q.charAt(0)) >= 0) {
      throw unsupported("CSV quote character must not appear in the NULL specification");
    }
    return new CopyOptions(format, delim.charAt(0), nul, header, q.charAt(0), e.charAt(0),
        forceQuoteAll, forceQuote == null ? List.of() : forceQuote,
        forceNotNull == null ? List.of() : forceNotNull, forceNull == null ? List.of() : forceNull);
  }

  /** One character of one byte in UTF-8 (PostgreSQL compares byte lengths). */
  private static boolean singleByte(String s) {
    return s.length() == 1 && s.charAt(0) < 0x80;
  }

  private static PgException unsupported(String message) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  private static PgException invalid(String message) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
