package io.s3vector.server.session;

import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.Statement;
import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * A statement made by Parse, named or unnamed ("").
 *
 * @param statement the planned statement, or null for an empty query string (Execute then answers
 *     EmptyQueryResponse, as PostgreSQL does)
 */
record PreparedStatement(String name, String sql, Statement statement) {

  boolean isEmpty() {
    return statement == null;
  }

  List<PgType> parameterTypes() {
    return statement == null ? List.of() : statement.parameterTypes();
  }

  List<ResultColumn> resultColumns() {
    return statement == null ? List.of() : statement.resultColumns();
  }

  /** How errors and logs name it: PostgreSQL says "unnamed prepared statement" for "". */
  static String describe(String name) {
    return name.isEmpty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
  }
}
