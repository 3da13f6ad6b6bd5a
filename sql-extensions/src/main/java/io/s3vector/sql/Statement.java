package io.s3vector.sql;

import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * One parsed and planned statement, ready to execute many times with different parameter values
 * (a prepared statement of the extended protocol, or one statement of a simple query). Plans are
 * made once here, never per execution.
 */
public interface Statement {

  /** The statement's text as the client sent it. */
  String sql();

  /**
   * The type of each parameter $1..$n: the type the client gave in Parse, else the one inferred
   * from the context (e.g. {@code embedding <-> $1} makes $1 a vector).
   */
  List<PgType> parameterTypes();

  /** The columns of the rows it returns; empty for statements without rows (NoData). */
  List<ResultColumn> resultColumns();
}
