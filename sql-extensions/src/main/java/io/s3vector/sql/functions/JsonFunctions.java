package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * json and jsonb operators and functions. Values are their text (json as written, jsonb in its
 * normal form), parsed by {@link Json} per call. {@code ->}/{@code #>} on json return the
 * member's text as written, on jsonb in jsonb's form; {@code ->>}/{@code #>>} return a string's
 * value, NULL for JSON null, else the text.
 */
public final class JsonFunctions {
  private JsonFunctions() {}

  private static final RelDataType TEXT_ARRAY = PgRelTypes.arrayOf(PgRelTypes.TEXT);

  static boolean isJson(RelDataType t) {
    return t == PgRelTypes.JSON || t == PgRelTypes.JSONB;
  }

  static boolean isJsonb(RelDataType t) {
    return t == PgRelTypes.JSONB;
  }

  private static boolean textish(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknown(t);
  }

  private static boolean textArrayish(RelDataType t) {
    return Operators.isUnknown(t) || t.getSqlTypeName() == SqlTypeName.ARRAY
        && PgRelTypes.isText(t.getComponentType());
  }

  /** The json/jsonb operators, or null for other operators or types. */
  static Resolved operator(String op, RelDataType l, RelDataType r) {
    boolean lj = isJson(l);
    switch (op) {
      case "->", "->>" -> {
        if (!lj) {
          return null;
        }
        boolean text = op.equals("->>");
        boolean jsonb = isJsonb(l);
        RelDataType result = text ? PgRelTypes.TEXT : l;
        int rank = PgRelTypes.numericRank(r);
        if (rank >= 0 && rank <= 1) {
          return new Resolved(fn(op + (jsonb ? "b" : "") + "int", a -> {
            Json m = parse(a[0]).get((Integer) a[1]);
            return m == null ? null : text ? m.text(jsonb) : out(m, jsonb);
          }), List.of(l, PgRelTypes.INT4), result);
        }
        if (textish(r)) {
          return new Resolved(fn(op + (jsonb ? "b" : "") + "text", a -> {
            Json m = parse(a[0]).get((String) a[1]);
            return m == null ? null : text ? m.text(jsonb) : out(m, jsonb);
          }), List.of(l, PgRelTypes.TEXT), result);
        }
        return null;
      }
      case "#>", "#>>" -> {
        if (!lj || !textArrayish(r)) {
          return null;
        }
        boolean text = op.equals("#>>");
        boolean jsonb = isJsonb(l);
        return new Resolved(fn(op + (jsonb ? "b" : ""), a -> {
          Json m = path(parse(a[0]), ArrayFunctions.items(a[1]));
          return m == null ? null : text ? m.text(jsonb) : out(m, jsonb);
        }), List.of(l, TEXT_ARRAY), text ? PgRelTypes.TEXT : l);
      }
      case "@>", "<@" -> {
        if (!(isJsonb(l) && (isJsonb(r) || Operators.isUnknown(r))
            || isJsonb(r) && Operators.isUnknown(l))) {
          return null;
        }
        boolean contains = op.equals("@>");
        return new Resolved(fn("jsonb" + op, a -> contains ? parse(a[0]).contains(parse(a[1]))
            : parse(a[1]).contains(parse(a[0]))), List.of(PgRelTypes.JSONB, PgRelTypes.JSONB), PgRelTypes.BOOL);
      }
      case "?" -> {
        if (!isJsonb(l) || !textish(r)) {
          return null;
        }
        return new Resolved(fn("jsonb?", a -> parse(a[0]).hasKey((String) a[1])),
            List.of(PgRelTypes.JSONB, PgRelTypes.TEXT), PgRelTypes.BOOL);
      }
      case "?|", "?&" -> {
        if (!isJsonb(l) || !textArrayish(r)) {
          return null;
        }
        boolean any = op.equals("?|");
        return new Resolved(fn("jsonb" + op, a -> existsAnyAll(parse(a[0]), a[1], any)),
            List.of(PgRelTypes.JSONB, TEXT_ARRAY), PgRelTypes.BOOL);
      }
      case "@@", "@?" -> {
        if (!isJsonb(l) || !(r == PgRelTypes.JSONPATH || Operators.isUnknown(r))) {
          return null;
        }
        boolean match = op.equals("@@");
        return new Resolved(fn("jsonb" + op, a -> {
          JsonPath p = JsonPath.parse((String) a[1]);
          return match ? p.match(parse(a[0]), null, true) : p.exists(parse(a[0]), null);
        }), List.of(PgRelTypes.JSONB, PgRelTypes.JSONPATH), PgRelTypes.BOOL);
      }
      case "||" -> {
        if (!(isJsonb(l) && (isJsonb(r) || Operators.isUnknown(r)) || isJsonb(r) && Operators.isUnknown(l))) {
          return null;
        }
        return new Resolved(fn("jsonb||", a -> concat(parse(a[0]), parse(a[1])).jsonb()),
            List.of(PgRelTypes.JSONB, PgRelTypes.JSONB), PgRelTypes.JSONB);
      }
      case "=", "<>" -> {
        // jsonb equality compares values (1.0 equals 1), not texts.
        if (!(isJsonb(l) && (isJsonb(r) || Operators.isUnknown(r)) || isJsonb(r) && Operators.isUnknown(l))) {
          return null;
        }
        boolean eq = op.equals("=");
        return new Resolved(fn("jsonb" + op, a -> parse(a[0]).sameAs(parse(a[1])) == eq),
            List.of(PgRelTypes.JSONB, PgRelTypes.JSONB), PgRelTypes.BOOL);
      }
      case "-" -> {
        if (!isJsonb(l)) {
          return null;
        }
        int rank = PgRelTypes.numericRank(r);
        if (rank >= 0 && rank <= 1) {
          return new Resolved(fn("jsonb-int", a -> deleteIndex(parse(a[0]), (Integer) a[1]).jsonb()),
              List.of(PgRelTypes.JSONB, PgRelTypes.INT4), PgRelTypes.JSONB);
        }
        if (textish(r)) {
          return new Resolved(fn("jsonb-text", a -> deleteKey(parse(a[0]), (String) a[1]).jsonb()),
              List.of(PgRelTypes.JSONB, PgRelTypes.TEXT), PgRelTypes.JSONB);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static PgFunction fn(String key, PgFunction.Impl impl) {
    String name = key.matches("jsonb?_.*") ? key.replaceAll("\\d+$", "")
        : key.replaceAll("^jsonb", "").replaceAll("(b?int|b?text|b)$", "");
    return Operators.cached("json:" + key, () -> new PgFunction(name, true, impl));
  }

  static Json parse(Object text) {
    return Json.parse((String) text);
  }

  static String out(Json v, boolean jsonb) {
    return jsonb ? v.jsonb() : v.json();
  }

  private static Json path(Json v, Object[] steps) {
    for (Object step : steps) {
      if (v == null || step == null) {
        return null;
      }
      String s = (String) step;
      if (v.kind == Json.Kind.OBJECT) {
        v = v.get(s);
      } else if (v.kind == Json.Kind.ARRAY) {
        try {
          v = v.get(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        return null;
      }
    }
    return v;
  }

  private static boolean existsAnyAll(Json v, Object keys, boolean any) {
    for (Object k : ArrayFunctions.items(keys)) {
      if (k == null) {
        continue;
      }
      boolean has = v.hasKey((String) k);
      if (any && has) {
        return true;
      }
      if (!any && !has) {
        return false;
      }
    }
    return !any;
  }

  private static Json concat(Json a, Json b) {
    if (a.kind == Json.Kind.OBJECT && b.kind == Json.Kind.OBJECT) {
      List<String> keys = new ArrayList<>(a.keys);
      List<Json> values = new ArrayList<>(a.items);
      keys.addAll(b.keys);
      values.addAll(b.items);
      return Json.object(keys, values);
    }
    List<Json> items = new ArrayList<>();
    for (Json v : new Json[] {a, b}) {
      if (v.kind == Json.Kind.ARRAY) {
        items.addAll(v.items);
      } else {
        items.add(v);
      }
    }
    return Json.array(items);
  }

  private static Json deleteKey(Json v, String key) {
    if (v.kind == Json.Kind.OBJECT) {
      List<String> keys = new ArrayList<>();
      List<Json> values = new ArrayList<>();
      for (int i = 0; i < v.keys.size(); i++) {
        if (!v.keys.get(i).equals(key)) {
          keys.add(v.keys.get(i));
          values.add(v.items.get(i));
        }
      }
      return Json.object(keys, values);
    }
    if (v.kind == Json.Kind.ARRAY) {
      List<Json> items = new ArrayList<>();
      for (Json item : v.items) {
        if (!(item.kind == Json.Kind.STRING && item.scalar.equals(key))) {
          items.add(item);
        }
      }
      return Json.array(items);
    }
    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
  }

  private static Json deleteIndex(Json v, int i) {
    if (v.kind == Json.Kind.OBJECT) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
    }
    if (v.kind != Json.Kind.ARRAY) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }
    int at = i < 0 ? v.items.size() + i : i;
    List<Json> items = new ArrayList<>(v.items);
    if (at >= 0 && at < items.size()) {
      items.remove(at);
    }
    return Json.array(items);
  }

  /** Resolves a json function, or null when {@code name} is none of ours for these types. */
  static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    RelDataType a0 = n > 0 ? args.get(0) : null;
    switch (name) {
      case "jsonb_typeof", "json_typeof" -> {
        RelDataType t = name.startsWith("jsonb") ? PgRelTypes.JSONB : PgRelTypes.JSON;
        return n == 1 && (a0 == t || Operators.isUnknown(a0))
            ? new Resolved(fn(name, a -> parse(a[0]).typeName()), List.of(t), PgRelTypes.TEXT) : null;
      }
      case "jsonb_array_length", "json_array_length" -> {
        RelDataType t = name.startsWith("jsonb") ? PgRelTypes.JSONB : PgRelTypes.JSON;
        return n == 1 && (a0 == t || Operators.isUnknown(a0)) ? new Resolved(fn(name, a -> {
          Json v = parse(a[0]);
          if (v.kind != Json.Kind.ARRAY) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, v.kind == Json.Kind.OBJECT
                ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
          }
          return v.items.size();
        }), List.of(t), PgRelTypes.INT4) : null;
      }
      case "jsonb_exists" -> {
        return n == 2 && (isJsonb(a0) || Operators.isUnknown(a0)) && textish(args.get(1))
            ? operator("?", PgRelTypes.JSONB, args.get(1)) : null;
      }
      case "jsonb_exists_any", "jsonb_exists_all" -> {
        return n == 2 && (isJsonb(a0) || Operators.isUnknown(a0)) && textArrayish(args.get(1))
            ? operator(name.endsWith("any") ? "?|" : "?&", PgRelTypes.JSONB, args.get(1)) : null;
      }
      case "jsonb_extract_path", "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text" -> {
        RelDataType t = name.startsWith("jsonb") ? PgRelTypes.JSONB : PgRelTypes.JSON;
        if (n < 1 || !(a0 == t || Operators.isUnknown(a0))) {
          return null;
        }
        List<RelDataType> types = new ArrayList<>();
        types.add(t);
        for (int i = 1; i < n; i++) {
          if (!textish(args.get(i))) {
            return null;
          }
          types.add(PgRelTypes.TEXT);
        }
        boolean text = name.endsWith("_text");
        boolean jsonb = t == PgRelTypes.JSONB;
        return new Resolved(new PgFunction(name, false, a -> {
          if (a[0] == null) {
            return null;
          }
          Object[] steps = java.util.Arrays.copyOfRange(a, 1, a.length);
          Json m = path(parse(a[0]), steps);
          return m == null ? null : text ? m.text(jsonb) : out(m, jsonb);
        }), types, text ? PgRelTypes.TEXT : t);
      }
      case "jsonb_path_match", "jsonb_path_exists", "jsonb_path_query_first" -> {
        if (n < 2 || n > 4 || !(isJsonb(a0) || Operators.isUnknown(a0))
            || !(args.get(1) == PgRelTypes.JSONPATH || Operators.isUnknown(args.get(1)))
            || n >= 3 && !(isJsonb(args.get(2)) || Operators.isUnknown(args.get(2)))
            || n == 4 && !(args.get(3).getSqlTypeName() == SqlTypeName.BOOLEAN || Operators.isUnknown(args.get(3)))) {
          return null;
        }
        List<RelDataType> types = new ArrayList<>(List.of(PgRelTypes.JSONB, PgRelTypes.JSONPATH));
        if (n >= 3) {
          types.add(PgRelTypes.JSONB);
        }
        if (n == 4) {
          types.add(PgRelTypes.BOOL);
        }
        RelDataType result = name.equals("jsonb_path_query_first") ? PgRelTypes.JSONB : PgRelTypes.BOOL;
        return new Resolved(fn(name + n, a -> {
          JsonPath p = JsonPath.parse((String) a[1]);
          Json vars = n >= 3 ? parse(a[2]) : null;
          if (vars != null && vars.kind != Json.Kind.OBJECT) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "\"vars\" argument is not an object", "Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.", null, 0, null);
          }
          boolean silent = n == 4 && (Boolean) a[3];
          try {
            return switch (name) {
              case "jsonb_path_match" -> p.match(parse(a[0]), vars, silent);
              case "jsonb_path_exists" -> p.exists(parse(a[0]), vars);
              default -> {
                Json f = p.first(parse(a[0]), vars);
                yield f == null ? null : f.jsonb();
              }
            };
          } catch (PgException e) {
            if (silent && e.sqlState().startsWith("22")) {
              return null;
            }
            throw e;
          }
        }), types, result);
      }
      case "jsonb_build_object", "json_build_object" -> {
        boolean jsonb = name.startsWith("jsonb");
        if (n % 2 != 0) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements",
              null, "The arguments of " + name + "() must consist of alternating keys and values.", 0, null);
        }
        List<RelDataType> types = known(args);
        return new Resolved(new PgFunction(name, false, a -> {
          List<String> keys = new ArrayList<>();
          List<Json> values = new ArrayList<>();
          for (int i = 0; i < a.length; i += 2) {
            if (a[i] == null) {
              throw new PgException("22004", "argument " + (i + 1) + ": key must not be null");
            }
            keys.add(keyText(a[i], types.get(i)));
            values.add(toJson(a[i + 1], types.get(i + 1)));
          }
          Json o = Json.object(keys, values);
          return jsonb ? o.jsonb() : o.json();
        }), types, jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON);
      }
      case "jsonb_build_array", "json_build_array" -> {
        boolean jsonb = name.startsWith("jsonb");
        List<RelDataType> types = known(args);
        return new Resolved(new PgFunction(name, false, a -> {
          List<Json> items = new ArrayList<>();
          for (int i = 0; i < a.length; i++) {
            items.add(toJson(a[i], types.get(i)));
          }
          Json o = Json.array(items);
          return jsonb ? o.jsonb() : o.json();
        }), types, jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON);
      }
      case "to_json", "to_jsonb", "array_to_json" -> {
        if (n != 1 || name.equals("array_to_json") && a0.getSqlTypeName() != SqlTypeName.ARRAY) {
          return null;
        }
        boolean jsonb = name.equals("to_jsonb");
        List<RelDataType> types = known(args);
        return new Resolved(new PgFunction(name, true, a -> {
          Json v = toJson(a[0], types.get(0));
          return jsonb ? Json.parse(v.json()).jsonb() : v.json();
        }), types, jsonb ? PgRelTypes.JSONB : PgRelTypes.JSON);
      }
      case "jsonb_pretty" -> {
        return n == 1 && (isJsonb(a0) || Operators.isUnknown(a0)) ? new Resolved(fn(name, a -> {
          StringBuilder out = new StringBuilder();
          pretty(parse(a[0]), out, 0);
          return out.toString();
        }), List.of(PgRelTypes.JSONB), PgRelTypes.TEXT) : null;
      }
      case "jsonb_strip_nulls" -> {
        return n == 1 && (isJsonb(a0) || Operators.isUnknown(a0)) ? new Resolved(fn(name,
            a -> stripNulls(parse(a[0])).jsonb()), List.of(PgRelTypes.JSONB), PgRelTypes.JSONB) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** Argument types with untyped literals read as text. */
  private static List<RelDataType> known(List<RelDataType> args) {
    List<RelDataType> types = new ArrayList<>();
    for (RelDataType t : args) {
      types.add(Operators.isUnknown(t) ? PgRelTypes.TEXT : t);
    }
    return types;
  }

  private static String keyText(Object v, RelDataType type) {
    if (type.getSqlTypeName() == SqlTypeName.ARRAY || isJson(type)) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "key value must be scalar, not array, composite, or json");
    }
    PgType pg = PgRelTypes.pg(type);
    return v instanceof String s ? s : pg == null ? v.toString() : pg.encodeText(v);
  }

  /** PostgreSQL's to_json of a SQL value (datum_to_json). */
  static Json toJson(Object v, RelDataType type) {
    if (v == null) {
      return Json.NULL;
    }
    if (type == PgRelTypes.JSON) {
      return Json.raw((String) v);
    }
    if (type == PgRelTypes.JSONB) {
      return Json.parse((String) v);
    }
    if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
      // array_to_json prints its elements separated by a bare comma.
      StringBuilder out = new StringBuilder("[");
      Object[] items = ArrayFunctions.items(v);
      for (int i = 0; i < items.length; i++) {
        out.append(i > 0 ? "," : "").append(toJson(items[i], type.getComponentType()).json());
      }
      return Json.raw(out.append(']').toString());
    }
    PgType pg = PgRelTypes.pg(type);
    String text = pg == null ? v.toString() : pg.encodeText(v);
    if (type.getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return Json.bool((Boolean) v);
    }
    int rank = PgRelTypes.numericRank(type);
    if (rank >= 0) {
      boolean finite = !(v instanceof Double d && (d.isNaN() || d.isInfinite()))
          && !(v instanceof Float f && (f.isNaN() || f.isInfinite()));
      return finite ? Json.number(text) : Json.string(text);
    }
    if (pg == PgTypes.TIMESTAMP || pg == PgTypes.TIMESTAMPTZ) {
      return Json.string(text.replaceFirst(" ", "T").replaceFirst("\\+00$", "+00:00"));
    }
    return Json.string(text);
  }

  private static void pretty(Json v, StringBuilder out, int level) {
    switch (v.kind) {
      case OBJECT -> {
        var members = v.members();
        if (members.isEmpty()) {
          out.append("{\n").append("    ".repeat(level)).append('}');
          return;
        }
        out.append("{\n");
        int i = 0;
        for (var e : members.entrySet()) {
          out.append("    ".repeat(level + 1));
          Json.quote(e.getKey(), out);
          out.append(": ");
          pretty(e.getValue(), out, level + 1);
          out.append(++i < members.size() ? ",\n" : "\n");
        }
        out.append("    ".repeat(level)).append('}');
      }
      case ARRAY -> {
        if (v.items.isEmpty()) {
          out.append("[\n").append("    ".repeat(level)).append(']');
          return;
        }
        out.append("[\n");
        for (int i = 0; i < v.items.size(); i++) {
          out.append("    ".repeat(level + 1));
          pretty(v.items.get(i), out, level + 1);
          out.append(i + 1 < v.items.size() ? ",\n" : "\n");
        }
        out.append("    ".repeat(level)).append(']');
      }
      default -> out.append(v.jsonb());
    }
  }

  private static Json stripNulls(Json v) {
    if (v.kind == Json.Kind.OBJECT) {
      List<String> keys = new ArrayList<>();
      List<Json> values = new ArrayList<>();
      for (var e : v.members().entrySet()) {
        if (e.getValue().kind != Json.Kind.NULL) {
          keys.add(e.getKey());
          values.add(stripNulls(e.getValue()));
        }
      }
      return Json.object(keys, values);
    }
    if (v.kind == Json.Kind.ARRAY) {
      List<Json> items = new ArrayList<>();
      for (Json i : v.items) {
        items.add(stripNulls(i));
      }
      return Json.array(items);
    }
    return v;
  }
}
