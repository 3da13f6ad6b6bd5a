package io.s3vector.sql.bind;

import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * The names a query level's expressions may use: the relations of its FROM clause (one row: their
 * columns side by side), and, for a subquery, the scopes of the queries around it. A name no
 * relation here has is looked up outside; it then becomes a correlation variable
 * ({@code $cor0.x}) whose value is the outer row, set by the outer Filter/Project/Join that
 * evaluates the subquery (its {@code variablesSet}).
 */
public final class Scope {
  private final List<FromItem> items;
  /** The enclosing query's scope (correlated references), or null. */
  private final Scope outer;
  /** Subtracted from the items' offsets: a join's ON condition sees only its own subtree's row. */
  private final int base;
  /** Columns a JOIN ... USING merged: an unqualified name means them, not either side's. */
  private final List<Merged> merged = new ArrayList<>();
  /** Set when a subquery first refers to this scope's row. */
  private CorrelationId correlation;
  /** Refused outer references: a subquery above an aggregate cannot see the ungrouped row. */
  private boolean opaque;

  /**
   * A USING column: its name and the two columns it merges; its value is the left one's (INNER,
   * LEFT), the right one's (RIGHT), or the first that is not NULL (FULL), as in PostgreSQL.
   */
  record Merged(String name, FromItem left, int leftIndex, FromItem right, int rightIndex,
      org.apache.calcite.rel.core.JoinRelType type) {}

  Scope(List<FromItem> items, Scope outer, int base) {
    this.items = items;
    this.outer = outer;
    this.base = base;
  }

  /** One stored table under its alias or name (UPDATE/DELETE targets, RETURNING, CHECKs). */
  public Scope(String table, String alias, RelDataType rowType) {
    this(List.of(new FromItem(table, alias != null ? alias : table, rowType, false, null, null)), null, 0);
  }

  /**
   * This table's row followed by a second row of the same columns named {@code qualifier}: input
   * refs past this row's width reach the second row (only by qualified names).
   */
  public static Scope withSecond(String table, String alias, RelDataType rowType, String qualifier) {
    FromItem first = new FromItem(table, alias != null ? alias : table, rowType, false, null, null);
    FromItem second = new FromItem(qualifier, qualifier, rowType, true, null, null);
    second.offset = rowType.getFieldCount();
    return new Scope(List.of(first, second), null, 0);
  }

  /**
   * This table's row followed by the rows of {@code others} (relations of another FROM clause),
   * each reachable by its qualifier: what RETURNING of UPDATE ... FROM and DELETE ... USING reads.
   */
  static Scope followedBy(String table, String alias, RelDataType rowType, List<FromItem> others) {
    List<FromItem> items = new ArrayList<>();
    items.add(new FromItem(table, alias != null ? alias : table, rowType, false, null, null));
    int at = rowType.getFieldCount();
    for (FromItem other : others) {
      FromItem copy = new FromItem(other.table, other.qualifier, other.rowType, false, null, null);
      copy.offset = at;
      at += other.width();
      items.add(copy);
    }
    return new Scope(items, null, 0);
  }

  /** A scope seeing the same items, for expressions evaluated under a subquery boundary. */
  Scope opaqueCopy() {
    Scope s = new Scope(items, outer, base);
    s.merged.addAll(merged);
    s.correlation = correlation;
    s.opaque = true;
    return s;
  }

  List<FromItem> items() {
    return items;
  }

  Scope outer() {
    return outer;
  }

  void merge(Merged m) {
    merged.add(m);
  }

  /** The merged column of that name, or null. */
  Merged merged(String name) {
    for (Merged m : merged) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** Whether a relation's column was merged by USING (then {@code *} shows it once, first). */
  private boolean isMerged(FromItem item, int index) {
    for (Merged m : merged) {
      if ((m.left() == item && m.leftIndex() == index) || (m.right() == item && m.rightIndex() == index)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@code *} (qualifier null) or {@code q.*} stands for, as names this scope resolves: the
   * merged USING columns first, then each relation's other columns, as PostgreSQL expands them.
   */
  List<SqlIdentifier> star(String qualifier, SqlIdentifier at, BindContext ctx) {
    List<SqlIdentifier> out = new ArrayList<>();
    var pos = at.getParserPosition();
    if (qualifier == null) {
      for (Merged m : merged) {
        out.add(new SqlIdentifier(m.name(), pos));
      }
    }
    boolean found = false;
    for (FromItem item : items) {
      if (item.qualifiedOnly || (qualifier != null && !qualifier.equals(item.qualifier))) {
        continue;
      }
      found = true;
      for (int i = 0; i < item.width(); i++) {
        if (qualifier == null && isMerged(item, i)) {
          continue;
        }
        String column = item.rowType.getFieldNames().get(i);
        out.add(item.qualifier == null ? new SqlIdentifier(column, pos)
            : new SqlIdentifier(List.of(item.qualifier, column), pos));
      }
    }
    if (qualifier != null && !found) {
      throw ctx.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"", at);
    }
    return out;
  }

  /** The correlation variable a subquery reads this scope's row through, or null if none did. */
  public CorrelationId correlation() {
    return correlation;
  }

  /** The first relation's name (the single table of DML statements and error texts). */
  public String table() {
    return items.get(0).table;
  }

  public String qualifier() {
    return items.get(0).qualifier;
  }

  /** The row type of the whole row (every relation's columns, side by side). */
  public RelDataType rowType() {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    for (FromItem item : items) {
      for (var f : item.rowType.getFieldList()) {
        b.add("$" + (item.offset + f.getIndex() - base), f.getType());
      }
    }
    return b.build();
  }

  /** Positions of the first relation's columns referenced so far. */
  public int[] usedColumns() {
    return items.get(0).used.stream().toArray();
  }

  /**
   * The stored table and 1-based column number of field {@code field} of this scope's row, or
   * null when that field is not a stored table's column (a derived relation's, a catalog's).
   */
  public int[] origin(int field) {
    for (FromItem item : items) {
      int at = field + base - item.offset;
      if (at >= 0 && at < item.width()) {
        if (item.origins != null) {
          return at < item.origins.length ? item.origins[at] : null;
        }
        return item.tableOid == 0 ? null : new int[] {(int) item.tableOid, at + 1};
      }
    }
    return null;
  }

  /** The column an identifier names, or a PostgreSQL error. */
  public RexNode resolve(SqlIdentifier id, BindContext ctx) {
    RexNode found = lookup(id, ctx);
    if (found != null) {
      return found;
    }
    List<String> names = id.names;
    String column = names.get(names.size() - 1);
    if (names.size() >= 2) {
      String q = names.get(names.size() - 2);
      if (find(q) != null) {
        throw ctx.error(SqlState.UNDEFINED_COLUMN, "column " + q + "." + column + " does not exist", id);
      }
      throw ctx.error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + q + "\"", id);
    }
    throw ctx.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist", id);
  }

  /** The column here or in an enclosing scope (as a correlation variable), or null. */
  private RexNode lookup(SqlIdentifier id, BindContext ctx) {
    RexNode local = local(id, ctx);
    if (local != null) {
      return local;
    }
    return outer == null ? null : outer.seenFromInside(id, ctx);
  }

  /**
   * A column of this scope named from a subquery inside it, read through this scope's
   * correlation variable (or from a scope further out); null when none has it.
   */
  private RexNode seenFromInside(SqlIdentifier id, BindContext ctx) {
    RexNode ref = local(id, ctx);
    if (ref == null) {
      return outer == null ? null : outer.seenFromInside(id, ctx);
    }
    if (opaque) {
      throw ctx.error(SqlState.FEATURE_NOT_SUPPORTED,
          "a subquery above an aggregate cannot refer to the outer query's columns yet", id);
    }
    if (correlation == null) {
      correlation = ctx.cluster.createCorrel();
    }
    RexNode row = ctx.rex.makeCorrel(rowType(), correlation);
    return ref.accept(new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitInputRef(org.apache.calcite.rex.RexInputRef input) {
        return ctx.rex.makeFieldAccess(row, input.getIndex());
      }
    });
  }

  /** The column in this scope's own relations, or null; ambiguity is an error. */
  private RexNode local(SqlIdentifier id, BindContext ctx) {
    List<String> names = id.names;
    String column = names.get(names.size() - 1);
    if (names.size() >= 2) {
      FromItem item = find(names.get(names.size() - 2));
      if (item == null) {
        return null;
      }
      int index = item.column(column);
      return index < 0 ? null : ref(item, index, ctx);
    }
    Merged m = merged(column);
    if (m != null) {
      return mergedValue(m, ctx);
    }
    FromItem match = null;
    int matchIndex = -1;
    for (FromItem item : items) {
      int index = item.qualifiedOnly ? -1 : item.column(column);
      if (index >= 0) {
        if (match != null) {
          throw ctx.error(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + column + "\" is ambiguous", id);
        }
        match = item;
        matchIndex = index;
      }
    }
    return match == null ? null : ref(match, matchIndex, ctx);
  }

  private RexNode mergedValue(Merged m, BindContext ctx) {
    return switch (m.type()) {
      case RIGHT -> ref(m.right(), m.rightIndex(), ctx);
      case FULL -> {
        RexNode l = ref(m.left(), m.leftIndex(), ctx);
        RexNode r = ref(m.right(), m.rightIndex(), ctx);
        RexNode present = ctx.rex.makeCall(PgRelTypes.BOOL, io.s3vector.sql.functions.Operators.IS_NOT_NULL, List.of(l));
        yield ctx.rex.makeCall(l.getType(), io.s3vector.sql.functions.Operators.CASE, List.of(present, l, r));
      }
      default -> ref(m.left(), m.leftIndex(), ctx);
    };
  }

  private RexNode ref(FromItem item, int index, BindContext ctx) {
    item.used.set(index);
    return ctx.rex.makeInputRef(item.rowType.getFieldList().get(index).getType(), item.offset + index - base);
  }

  private FromItem find(String qualifier) {
    for (FromItem item : items) {
      if (qualifier.equals(item.qualifier)) {
        return item;
      }
    }
    return null;
  }

  /** Whether a single-part name is a column of this scope's own relations. */
  boolean hasOwnColumn(String name) {
    if (merged(name) != null) {
      return true;
    }
    for (FromItem item : items) {
      if (!item.qualifiedOnly && item.column(name) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether a single-part name is a column here or outside (else it may be a niladic function). */
  public boolean hasColumn(String name) {
    if (merged(name) != null) {
      return true;
    }
    for (FromItem item : items) {
      if (!item.qualifiedOnly && item.column(name) >= 0) {
        return true;
      }
    }
    return outer != null && outer.hasColumn(name);
  }
}
