package io.s3vector.sql;

import io.s3vector.sql.plan.CalcitePlanner;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.Database;
import java.util.Map;

/**
 * The SQL engine over a storage {@link Database}.
 *
 * <p>How a statement flows, and why:
 *
 * <ol>
 *   <li>{@link io.s3vector.sql.lex.PgLexer} tokenizes with PostgreSQL's rules (strings, dollar
 *       quotes, comments, {@code $n}). Utility statements (SET, SHOW, BEGIN, SAVEPOINT, CREATE
 *       EXTENSION, ...) are recognised from the tokens and never reach Calcite: their syntax is
 *       tiny and their semantics are session state, not relational algebra.
 *   <li>The rest is rewritten for Calcite's lexer ({@code $n} to {@code ?}, {@code []} to {@code
 *       ARRAY}) and parsed by our generated Calcite parser (pgvector operators, {@code vector(n)},
 *       PostgreSQL DDL).
 *   <li>Our own binder ({@code io.s3vector.sql.bind}) resolves names and types with PostgreSQL's
 *       rules (untyped literals and {@code $n} take the type their context needs) and messages,
 *       and builds Calcite RelNodes directly. Calcite's validator is not used: it cannot type
 *       pgvector's {@code vector}, and its coercions and messages are not PostgreSQL's. Vectors
 *       travel through RelNodes as a custom RelDataType; every call is a resolved overload that
 *       carries its implementation.
 *   <li>A HepPlanner applies ExactTopKRule: LIMIT over ORDER BY distance becomes a
 *       VectorIndexScan when the table has an HNSW index with that operator's opclass, else a
 *       streaming ExactTopKScan (a bounded heap, never a full sort); both show in EXPLAIN.
 *   <li>The executor ({@code io.s3vector.sql.exec}) compiles the plan once per prepared statement
 *       into closures over {@code Object[]} rows (no Janino: slow to start, and it cannot handle
 *       our vector type), and runs it per execution.
 * </ol>
 */
public final class CalciteSqlEngine implements SqlEngine {
  public static final String SERVER_VERSION = "16.4";
  public static final String VERSION =
      "PostgreSQL " + SERVER_VERSION
          + " (S3Vector 0.1.0) on x86_64-pc-linux-gnu, compiled by javac, 64-bit";

  private final Database database;
  private final CalcitePlanner planner = new CalcitePlanner();
  private final io.s3vector.sql.session.CommandProgress progress =
      new io.s3vector.sql.session.CommandProgress();

  public CalciteSqlEngine(Database database) {
    this.database = database;
  }

  @Override
  public SqlSession openSession(String user, String database, Map<String, String> startupParameters) {
    return new PgSession(this.database, planner, SERVER_VERSION, user, database, startupParameters,
        progress);
  }

  /** The short form reported as {@code server_version}; {@link #VERSION} is {@code version()}. */
  @Override
  public String serverVersion() {
    return SERVER_VERSION;
  }
}
