package io.s3vector.sql.catalog;

import io.s3vector.sql.bind.PgRelTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * The columns of a catalog relation, declared as PostgreSQL's catalog declares them ({@code "oid
 * oid, relname name, relkind \"char\", indkey int2vector"}), and rows filled by column name.
 *
 * <p>Types we do not speak on the wire are carried as the nearest one we do: {@code name},
 * {@code "char"} and {@code pg_node_tree} as text; {@code regproc} and {@code xid} as oid;
 * {@code aclitem[]} as text[] (always
 * NULL: we keep no privileges).
 */
public final class Columns {
  private final List<String> names = new ArrayList<>();
  private final List<String> pgTypes = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private final RelDataType rowType;

  private Columns(String declaration) {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    for (String column : declaration.split(",")) {
      String c = column.trim();
      int space = c.indexOf(' ');
      String name = c.substring(0, space);
      String type = c.substring(space + 1).trim();
      positions.put(name, names.size());
      names.add(name);
      pgTypes.add(type);
      b.add(name, relType(type));
    }
    rowType = b.build();
  }

  /** Columns from a declaration "name type, name type, ...". */
  public static Columns of(String declaration) {
    return new Columns(declaration);
  }

  public RelDataType rowType() {
    return rowType;
  }

  public List<String> names() {
    return names;
  }

  /** A new row: every column NULL until set. */
  public Row row() {
    return new Row(new Object[names.size()]);
  }

  private static RelDataType relType(String type) {
    return switch (type) {
      case "oid", "regproc", "xid" -> PgRelTypes.OID;
      case "regtype" -> PgRelTypes.REGTYPE;
      case "\"char\"" -> PgRelTypes.CHAR;
      case "name", "text", "pg_node_tree", "bytea" -> PgRelTypes.TEXT;
      case "boolean" -> PgRelTypes.BOOL;
      case "smallint" -> PgRelTypes.INT2;
      case "integer" -> PgRelTypes.INT4;
      case "bigint" -> PgRelTypes.INT8;
      case "real" -> PgRelTypes.FLOAT4;
      case "timestamp with time zone" -> PgRelTypes.TIMESTAMPTZ;
      case "int2vector" -> PgRelTypes.INT2VECTOR;
      case "oidvector" -> PgRelTypes.OIDVECTOR;
      case "smallint[]" -> PgRelTypes.arrayOf(PgRelTypes.INT2);
      case "oid[]" -> PgRelTypes.arrayOf(PgRelTypes.OID);
      case "text[]", "\"char\"[]", "aclitem[]", "anyarray" -> PgRelTypes.arrayOf(PgRelTypes.TEXT);
      default -> throw new IllegalArgumentException("catalog column type " + type);
    };
  }

  /** One row being filled; values have the Java classes of their columns' types. */
  public final class Row {
    private final Object[] values;

    private Row(Object[] values) {
      this.values = values;
    }

    /**
     * Sets a column; numbers and chars are converted to the column's class (an oid is a Long, a
     * smallint a Short, a "char" a one-letter String).
     */
    public Row set(String column, Object value) {
      Integer i = positions.get(column);
      if (i == null) {
        throw new IllegalArgumentException("no column " + column);
      }
      values[i] = convert(pgTypes.get(i), value);
      return this;
    }

    public Object[] values() {
      return values;
    }
  }

  private static Object convert(String type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case "oid", "regproc", "xid", "regtype", "bigint" -> ((Number) value).longValue();
      case "smallint" -> ((Number) value).shortValue();
      case "integer" -> ((Number) value).intValue();
      case "real" -> ((Number) value).floatValue();
      case "\"char\"", "name", "text" -> value.toString();
      case "int2vector", "smallint[]" -> shorts(value);
      case "oidvector", "oid[]" -> longs(value);
      default -> value;
    };
  }

  private static Object[] shorts(Object value) {
    List<?> list = (List<?>) value;
    Object[] out = new Object[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).shortValue();
    }
    return out;
  }

  private static Object[] longs(Object value) {
    List<?> list = (List<?>) value;
    Object[] out = new Object[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).longValue();
    }
    return out;
  }
}
