package io.s3vector.sql.catalog;

import io.s3vector.sql.catalog.UserTables.Index;
import io.s3vector.sql.catalog.UserTables.UserTable;
import io.s3vector.storage.table.TableConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * The definitions PostgreSQL's ruleutils prints for indexes and constraints ({@code
 * pg_get_indexdef}, {@code pg_get_constraintdef}, {@code pg_indexes.indexdef}), in its exact
 * form: {@code CREATE INDEX items_embedding_idx ON public.items USING hnsw (embedding
 * vector_cosine_ops) WITH (m='16')}. An operator class is printed unless it is its type's
 * default; WITH lists the options as they were written.
 */
public final class IndexDefs {
  private IndexDefs() {}

  /** {@code pg_get_indexdef(oid)}: schema-qualified. */
  public static String definition(UserTable t, Index i) {
    return definition(t, i, false);
  }

  /**
   * {@code pg_get_indexdef(oid, 0, pretty)}: the pretty form leaves out the schema of a table on
   * the default search path (public).
   */
  public static String definition(UserTable t, Index i, boolean pretty) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if (i.unique()) {
      sb.append("UNIQUE ");
    }
    sb.append("INDEX ").append(Identifiers.quote(i.name())).append(" ON ")
        .append(pretty ? SchemaNames.display(t.table().name())
            : Identifiers.quote(t.schemaName()) + "." + Identifiers.quote(t.name())).append(" USING ")
        .append(UserTables.accessMethodName(i.am())).append(" (");
    for (int k = 0; k < i.columns().size(); k++) {
      sb.append(k == 0 ? "" : ", ").append(column(i, k + 1));
      OpClasses.OpClass opclass = OpClasses.byOid(i.opclasses().get(k));
      if (opclass != null && !opclass.isDefault()) {
        sb.append(' ').append(opclass.name());
      } else if (opclass == null && i.opclassNames().get(k) != null) {
        sb.append(' ').append(i.opclassNames().get(k)); // a class we have no row for, as written
      }
      sb.append(sortOrder(i.sortOptions().get(k)));
    }
    sb.append(')');
    if (i.nullsNotDistinct()) {
      sb.append(" NULLS NOT DISTINCT");
    }
    List<String> options = i.options();
    if (!options.isEmpty()) {
      List<String> quoted = new ArrayList<>();
      for (String o : options) {
        int eq = o.indexOf('=');
        quoted.add(o.substring(0, eq) + "='" + o.substring(eq + 1) + "'");
      }
      sb.append(" WITH (").append(String.join(", ", quoted)).append(')');
    }
    return sb.toString();
  }

  /**
   * What pg_get_indexdef prints after a key column for its indoption: nothing for ASC NULLS LAST,
   * " DESC" (NULLS FIRST being DESC's default), " DESC NULLS LAST", " NULLS FIRST".
   */
  static String sortOrder(int option) {
    boolean desc = (option & io.s3vector.storage.table.SecondaryIndex.DESC) != 0;
    boolean nullsFirst = (option & io.s3vector.storage.table.SecondaryIndex.NULLS_FIRST) != 0;
    if (desc) {
      return nullsFirst ? " DESC" : " DESC NULLS LAST";
    }
    return nullsFirst ? " NULLS FIRST" : "";
  }

  /** {@code pg_get_indexdef(oid, n, ...)} for n > 0: the n-th key column, or "" past the last. */
  public static String column(Index i, int n) {
    if (n < 1 || n > i.columns().size()) {
      return "";
    }
    return Identifiers.quote(i.columns().get(n - 1).spec().name());
  }

  /** {@code pg_get_constraintdef(oid [, pretty])}. */
  public static String constraint(UserTable t, TableConstraint c, boolean pretty) {
    return switch (c.kind()) {
      case PRIMARY_KEY -> "PRIMARY KEY (" + columns(c.columns()) + ")";
      case UNIQUE -> (c.nullsNotDistinct() ? "UNIQUE NULLS NOT DISTINCT (" : "UNIQUE (")
          + columns(c.columns()) + ")";
      case CHECK -> pretty ? "CHECK (" + c.checkSql() + ")" : "CHECK ((" + c.checkSql() + "))";
      case FOREIGN_KEY -> {
        StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(columns(c.columns()))
            .append(") REFERENCES ").append(SchemaNames.display(c.refTable())).append('(')
            .append(columns(c.refColumns())).append(')');
        if (c.matchFull()) {
          sb.append(" MATCH FULL");
        }
        if (c.onUpdate() != TableConstraint.Action.NO_ACTION) {
          sb.append(" ON UPDATE ").append(c.onUpdate().sql());
        }
        if (c.onDelete() != TableConstraint.Action.NO_ACTION) {
          sb.append(" ON DELETE ").append(c.onDelete().sql());
        }
        yield sb.toString();
      }
    };
  }

  private static String columns(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add(Identifiers.quote(n));
    }
    return String.join(", ", quoted);
  }

}
