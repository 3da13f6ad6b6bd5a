package io.s3vector.storage.table;

import java.util.List;

/**
 * An index of an access method other than HNSW ({@code CREATE INDEX ... USING btree|hash|gin|...}
 * over plain columns), kept with its table's schema for the catalogs only: no structure is built
 * and no plan uses it, which changes no query's answer (an index never does), only how fast it
 * comes. A UNIQUE one is enforced as a UNIQUE constraint is. Applications and frameworks create such indexes with their tables; they list, show and
 * drop them as PostgreSQL's.
 *
 * @param name the index name (in the schema-wide namespace of relations)
 * @param method the access method's name ({@code btree}, {@code gin}, ...)
 * @param columns the indexed columns, in key order
 * @param opclasses per column the operator class as written, or null for the default
 * @param unique whether it is a UNIQUE index (btree): then the table enforces its key as it does a
 *     UNIQUE constraint's ({@link TableSchema#uniqueKeys})
 * @param nullsNotDistinct a UNIQUE index's {@code NULLS NOT DISTINCT}
 */
public record SecondaryIndex(String name, String method, List<String> columns, List<String> opclasses,
    boolean unique, List<Integer> sortOptions,
    // written only when set: manifests stay as they were for every other index
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT) boolean nullsNotDistinct) {

  /** PostgreSQL's indoption bits of a key column: DESC, and NULLS FIRST. */
  public static final int DESC = 1;
  public static final int NULLS_FIRST = 2;

  /** An index that is not UNIQUE, every key ascending with NULLS LAST. */
  public SecondaryIndex(String name, String method, List<String> columns, List<String> opclasses) {
    this(name, method, columns, opclasses, false, null, false);
  }

  /** An index whose NULLs are distinct (a UNIQUE one lets rows with a NULL in the key repeat). */
  public SecondaryIndex(String name, String method, List<String> columns, List<String> opclasses,
      boolean unique, List<Integer> sortOptions) {
    this(name, method, columns, opclasses, unique, sortOptions, false);
  }

  /**
   * @param sortOptions per key column PostgreSQL's indoption ({@link #DESC}, {@link
   *     #NULLS_FIRST}); null (manifests written before) for all 0
   */
  public SecondaryIndex {
    columns = List.copyOf(columns);
    opclasses = opclasses == null ? java.util.Collections.nCopies(columns.size(), null)
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(opclasses));
    sortOptions = sortOptions == null ? java.util.Collections.nCopies(columns.size(), 0)
        : List.copyOf(sortOptions);
  }
}
