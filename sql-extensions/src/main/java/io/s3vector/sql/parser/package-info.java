/**
 * Our additions to Calcite's SQL parser: PostgreSQL and pgvector syntax. The generated parser
 * ({@code io.s3vector.sql.parser.impl.PgSqlParserImpl}) comes from Calcite's {@code Parser.jj}
 * template merged with {@code src/main/codegen}.
 */
package io.s3vector.sql.parser;
