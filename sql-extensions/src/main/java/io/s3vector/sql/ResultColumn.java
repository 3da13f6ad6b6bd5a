package io.s3vector.sql;

import io.s3vector.sql.types.PgType;

/**
 * One column of a RowDescription.
 *
 * @param name the column label (PostgreSQL's: the alias, the column name, or the function name,
 *     else {@code ?column?})
 * @param type the PostgreSQL type
 * @param typmod the type modifier (-1 when none; {@code vector(3)} has 3, {@code varchar(n)} n+4)
 * @param tableOid the table's OID when the column comes straight from a table, else 0
 * @param columnNumber the attribute number in that table (1-based), else 0
 */
public record ResultColumn(String name, PgType type, int typmod, int tableOid, short columnNumber) {
  public static ResultColumn of(String name, PgType type) {
    return new ResultColumn(name, type, -1, 0, (short) 0);
  }
}
