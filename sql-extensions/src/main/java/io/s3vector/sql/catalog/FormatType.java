package io.s3vector.sql.catalog;

import io.s3vector.sql.types.TypeDescription;

/**
 * PostgreSQL's {@code format_type(oid, typmod)}: a type's SQL name with its modifier, as psql's
 * {@code \d}, SQLAlchemy's reflection and pgjdbc print columns: {@code vector(3)}, {@code
 * character varying(20)}, {@code numeric(10,2)}, {@code timestamp(3) with time zone}, {@code
 * text[]}; {@code ???} for an unknown OID.
 */
public final class FormatType {
  private FormatType() {}

  /** With a NULL typmod ({@code typmod == null}) the bare name; -1 means "no modifier". */
  public static String format(long oid, Integer typmod) {
    TypeDescription t = CatalogTypes.byOid(oid);
    if (t == null) {
      return "???";
    }
    if (t.isArray() && t.elem() != 0) {
      String element = format(t.elem(), typmod);
      return element.equals("???") ? element : element + "[]";
    }
    String name = t.displayName();
    if (typmod == null) {
      return name;
    }
    int mod = typmod;
    return switch (t.name()) {
      case "bpchar" -> mod < 0 ? "bpchar" : "character(" + (mod - 4) + ")";
      case "varchar" -> mod < 0 ? name : "character varying(" + (mod - 4) + ")";
      case "numeric" -> mod < 4 ? name
          : "numeric(" + io.s3vector.sql.bind.NumericRelType.precisionOf(mod) + ","
              + io.s3vector.sql.bind.NumericRelType.scaleOf(mod) + ")";
      case "timestamp" -> mod < 0 ? name : "timestamp(" + mod + ") without time zone";
      case "timestamptz" -> mod < 0 ? name : "timestamp(" + mod + ") with time zone";
      case "bit", "varbit" -> mod < 0 ? name : name + "(" + mod + ")";
      case "vector", "halfvec", "sparsevec" -> mod < 0 ? name : name + "(" + mod + ")";
      default -> name;
    };
  }
}
