package io.s3vector.sql.parser;

import io.s3vector.sql.parser.impl.PgSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/** Calcite parser settings that behave like PostgreSQL's lexer. */
public final class PgParserConfig {

  /**
   * Unquoted identifiers fold to lower case, "quoted" ones keep their case, and the generated
   * parser with our PostgreSQL/pgvector additions is used.
   */
  public static final SqlParser.Config CONFIG =
      SqlParser.config()
          .withParserFactory(PgSqlParserImpl.FACTORY)
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.TO_LOWER)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(true)
          .withConformance(SqlConformanceEnum.BABEL);

  private PgParserConfig() {}
}
