package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.Locale;

/** {@code regtype} input and output over the {@link PgTypes} registry. */
final class RegType {
  private RegType() {}

  /** The OID of a type name as regtype_in reads it ("vector", "public.vector", "integer"). */
  static Long oidOf(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace("\"", "");
    int dot = n.lastIndexOf('.');
    if (dot >= 0) {
      n = n.substring(dot + 1);
    }
    if (n.endsWith("[]")) {
      n = "_" + n.substring(0, n.length() - 2);
    }
    n = switch (n) {
      case "integer", "int" -> "int4";
      case "bigint" -> "int8";
      case "smallint" -> "int2";
      case "real", "_real" -> n.startsWith("_") ? "_float4" : "float4";
      case "double precision" -> "float8";
      case "boolean" -> "bool";
      case "character varying" -> "varchar";
      case "timestamp without time zone" -> "timestamp";
      case "timestamp with time zone" -> "timestamptz";
      default -> n;
    };
    PgType t = PgTypes.byName(n);
    if (t == null) {
      throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    }
    return (long) t.oid();
  }

  /** regtype_out: the type's SQL name. */
  static String nameOf(long oid) {
    PgType t = PgTypes.byOid((int) oid);
    if (t == null) {
      return Long.toString(oid);
    }
    PgType element = PgTypes.elementOf(t);
    if (element != null) {
      return nameOf(element.oid()) + "[]";
    }
    return switch (t.name()) {
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "bool" -> "boolean";
      case "varchar" -> "character varying";
      case "timestamp" -> "timestamp without time zone";
      case "timestamptz" -> "timestamp with time zone";
      case "_float4" -> "real[]";
      case "_uuid" -> "uuid[]";
      case "bpchar" -> "character";
      default -> t.name();
    };
  }
}
