package io.s3vector.storage.table;

/**
 * One column of a table as storage keeps it.
 *
 * @param name the column name (already case-folded by the SQL layer)
 * @param type the physical type
 * @param sqlType the SQL type as the user wrote it, normalised (e.g. {@code "vector(3)"},
 *     {@code "character varying(20)"}, {@code "jsonb"}); storage keeps it for the catalog only
 * @param dimension the vector dimension for {@link ColumnType#VECTOR} (0 when unconstrained),
 *     else 0
 * @param notNull whether NULL is rejected
 * @param serial whether a null value on insert takes the next value of the column's sequence
 *     ({@code serial}/{@code bigserial}); the sequence is kept in the manifest
 * @param defaultSql the DEFAULT expression as SQL text, or null; evaluated by the SQL layer
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    String sqlType,
    int dimension,
    boolean notNull,
    boolean serial,
    String defaultSql) {}
