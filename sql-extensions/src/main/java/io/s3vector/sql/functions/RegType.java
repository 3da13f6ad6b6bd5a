package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.CatalogTypes;
import io.s3vector.sql.catalog.FormatType;
import io.s3vector.sql.catalog.Identifiers;
import io.s3vector.sql.types.TypeDescription;
import java.util.List;
import java.util.Locale;

/** {@code regtype} input and output over the types pg_type lists ({@link CatalogTypes}). */
final class RegType {
  private RegType() {}

  /** The OID of a type name as regtype_in reads it ("vector", "public.vector", "integer"), or 42704. */
  static Long oidOf(String name) {
    Long oid = lookup(name);
    if (oid == null) {
      throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    }
    return oid;
  }

  /** As {@link #oidOf}, but null for a type that does not exist (to_regtype). */
  static Long lookup(String name) {
    String n = name.trim();
    if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(n); // regtype_in accepts a numeric OID as is
    }
    boolean array = n.endsWith("[]");
    if (array) {
      n = n.substring(0, n.length() - 2).trim();
    }
    int paren = n.indexOf('(');
    if (paren > 0 && n.endsWith(")")) {
      n = n.substring(0, paren).trim(); // a modifier is accepted and ignored, as by regtypein
    }
    List<String> parts = n.indexOf(' ') > 0 ? List.of(n.toLowerCase(Locale.ROOT)) : Identifiers.parse(n);
    String type = parts.get(parts.size() - 1);
    if (parts.size() > 1 && !List.of("pg_catalog", "public").contains(parts.get(parts.size() - 2))) {
      return null;
    }
    type = switch (type) {
      case "integer", "int" -> "int4";
      case "bigint" -> "int8";
      case "smallint" -> "int2";
      case "real" -> "float4";
      case "double precision", "float" -> "float8";
      case "boolean" -> "bool";
      case "character varying" -> "varchar";
      case "character", "char" -> parts.size() == 1 && n.startsWith("\"") ? "char" : "bpchar";
      case "timestamp without time zone" -> "timestamp";
      case "timestamp with time zone" -> "timestamptz";
      case "decimal" -> "numeric";
      default -> type;
    };
    TypeDescription t = CatalogTypes.byName(type);
    if (t == null) {
      return null;
    }
    if (array) {
      return t.array() == 0 ? null : (long) t.array();
    }
    return (long) t.oid();
  }

  /** regtype_out: the type's SQL name (format_type without a modifier), or the OID as digits. */
  static String nameOf(long oid) {
    return CatalogTypes.byOid(oid) == null ? Long.toString(oid) : FormatType.format(oid, null);
  }
}
