package io.s3vector.sql.copy;

import java.util.List;

/** Appends one row (or the header line) of one COPY TO format to a payload. */
interface CopyRowWriter {

  /** The HEADER line: the column names as the format writes text, then the line end. */
  void header(List<String> names, CopyOutBuffer out);

  /** One row; values are the Java classes of the columns' PgTypes, null for NULL. */
  void row(Object[] row, CopyOutBuffer out);
}
