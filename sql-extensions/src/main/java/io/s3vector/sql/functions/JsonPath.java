package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's SQL/JSON path language, the part applications use: accessors ({@code $.a},
 * {@code ."k"}, {@code [*]}, {@code [i]}, {@code [i to j]}, {@code last}, {@code .*}), filters
 * {@code ?(...)}, comparisons, {@code &&}, {@code ||}, {@code !}, {@code exists}, {@code
 * like_regex ... flag ...}, {@code starts with}, {@code is unknown}, arithmetic, variables
 * ({@code $name}), and the methods {@code type()}, {@code size()}, {@code double()}, {@code
 * abs()}, {@code floor()}, {@code ceiling()}; lax (default) and strict modes. {@link #toString()}
 * prints the normalised text PostgreSQL's jsonpath output shows.
 */
public final class JsonPath {
  private final boolean strict;
  private final Node root;

  private JsonPath(boolean strict, Node root) {
    this.strict = strict;
    this.root = root;
  }

  /** Parsed paths by text: a filter calls jsonb_path_match with the same path on every row. */
  private static final java.util.Map<String, JsonPath> CACHE = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, JsonPath> eldest) {
          return size() > 256;
        }
      });

  public static JsonPath parse(String text) {
    JsonPath p = CACHE.get(text);
    if (p == null) {
      p = new Parser(text).parse();
      CACHE.put(text, p);
    }
    return p;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (strict) {
      out.append("strict ");
    }
    root.print(out, true);
    return out.toString();
  }

  /** A predicate's value: true, false or unknown (null). */
  private static final Boolean UNKNOWN = null;

  /** jsonb_path_match: the single boolean the path yields (NULL for unknown), else 22038. */
  Boolean match(Json doc, Json vars, boolean silent) {
    List<Json> result = new Eval(doc, vars, strict).items(root, doc);
    if (result.size() == 1) {
      Json r = result.get(0);
      if (r.kind == Json.Kind.BOOLEAN) {
        return r.scalar.equals("true");
      }
      if (r.kind == Json.Kind.NULL) {
        return null;
      }
    }
    if (silent) {
      return null;
    }
    throw new PgException("22038", "single boolean result is expected");
  }

  /** jsonb_path_exists / {@code @?}: whether the path yields any item (NULL on a lax error). */
  Boolean exists(Json doc, Json vars) {
    try {
      return !new Eval(doc, vars, strict).items(root, doc).isEmpty();
    } catch (PathError e) {
      return null;
    }
  }

  /** jsonb_path_query_first: the first item, or null. */
  Json first(Json doc, Json vars) {
    List<Json> r = new Eval(doc, vars, strict).items(root, doc);
    return r.isEmpty() ? null : r.get(0);
  }

  // ---- the syntax tree ----

  private abstract static class Node {
    /** Operator priority for printing parentheses, as PostgreSQL's operationPriority. */
    int priority() {
      return 6;
    }

    abstract void print(StringBuilder out, boolean brackets);
  }

  /** {@code $}, {@code @}, {@code $var}, {@code last} or a literal, then accessors. */
  private static final class Primary extends Node {
    final String kind; // "$", "@", "var", "last", "lit", "paren"
    final String name;
    final Json literal;
    final Node inner;
    final List<Accessor> accessors = new ArrayList<>();

    Primary(String kind, String name, Json literal, Node inner) {
      this.kind = kind;
      this.name = name;
      this.literal = literal;
      this.inner = inner;
    }

    @Override
    int priority() {
      return kind.equals("paren") && accessors.isEmpty() ? inner.priority() : 6;
    }

    @Override
    void print(StringBuilder out, boolean brackets) {
      switch (kind) {
        case "$", "@" -> out.append(kind);
        case "last" -> out.append("last");
        case "var" -> {
          out.append('$');
          Json.quote(name, out);
        }
        case "lit" -> printLiteral(literal, out);
        default -> {
          if (accessors.isEmpty()) {
            inner.print(out, brackets);
          } else {
            out.append('(');
            inner.print(out, false);
            out.append(')');
          }
        }
      }
      for (Accessor a : accessors) {
        a.print(out);
      }
    }
  }

  private static void printLiteral(Json v, StringBuilder out) {
    switch (v.kind) {
      case STRING -> Json.quote(v.scalar, out);
      case NUMBER -> out.append(v.numeric().toPlainString());
      case BOOLEAN -> out.append(v.scalar);
      default -> out.append("null");
    }
  }

  private static final class Accessor {
    final String kind; // "key", "*", "[*]", "[]", "filter", "method"
    final String name;
    final List<Node[]> ranges;
    final Node filter;

    Accessor(String kind, String name, List<Node[]> ranges, Node filter) {
      this.kind = kind;
      this.name = name;
      this.ranges = ranges;
      this.filter = filter;
    }

    void print(StringBuilder out) {
      switch (kind) {
        case "key" -> {
          out.append('.');
          Json.quote(name, out);
        }
        case "*" -> out.append(".*");
        case "[*]" -> out.append("[*]");
        case "[]" -> {
          out.append('[');
          for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
              out.append(',');
            }
            ranges.get(i)[0].print(out, false);
            if (ranges.get(i)[1] != null) {
              out.append(" to ");
              ranges.get(i)[1].print(out, false);
            }
          }
          out.append(']');
        }
        case "filter" -> {
          out.append("?(");
          filter.print(out, false);
          out.append(')');
        }
        default -> out.append('.').append(name).append("()");
      }
    }
  }

  private static final class Binary extends Node {
    final String op;
    final Node left;
    final Node right;

    Binary(String op, Node left, Node right) {
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    int priority() {
      return switch (op) {
        case "||" -> 0;
        case "&&" -> 1;
        case "+", "-" -> 3;
        case "*", "/", "%" -> 4;
        default -> 2;
      };
    }

    @Override
    void print(StringBuilder out, boolean brackets) {
      if (brackets) {
        out.append('(');
      }
      left.print(out, left.priority() <= priority());
      out.append(' ').append(op).append(' ');
      right.print(out, right.priority() <= priority());
      if (brackets) {
        out.append(')');
      }
    }
  }

  private static final class Unary extends Node {
    final String op; // "-", "+", "!", "exists", "is unknown"
    final Node arg;

    Unary(String op, Node arg) {
      this.op = op;
      this.arg = arg;
    }

    @Override
    int priority() {
      return op.equals("-") || op.equals("+") ? 5 : 6;
    }

    @Override
    void print(StringBuilder out, boolean brackets) {
      switch (op) {
        case "!" -> {
          out.append("!(");
          arg.print(out, false);
          out.append(')');
        }
        case "exists" -> {
          out.append("exists (");
          arg.print(out, false);
          out.append(')');
        }
        case "is unknown" -> {
          out.append('(');
          arg.print(out, false);
          out.append(") is unknown");
        }
        default -> {
          if (brackets) {
            out.append('(');
          }
          out.append(op);
          arg.print(out, arg.priority() <= priority());
          if (brackets) {
            out.append(')');
          }
        }
      }
    }
  }

  private static final class LikeRegex extends Node {
    final Node arg;
    final String pattern;
    final String flags;

    LikeRegex(Node arg, String pattern, String flags) {
      this.arg = arg;
      this.pattern = pattern;
      this.flags = flags;
    }

    @Override
    int priority() {
      return 2;
    }

    @Override
    void print(StringBuilder out, boolean brackets) {
      if (brackets) {
        out.append('(');
      }
      arg.print(out, arg.priority() <= 2);
      out.append(" like_regex ");
      Json.quote(pattern, out);
      if (flags != null && !flags.isEmpty()) {
        out.append(" flag ");
        Json.quote(flags, out);
      }
      if (brackets) {
        out.append(')');
      }
    }
  }

  // ---- evaluation ----

  /** An error of a lax path: turns a predicate unknown (or the call NULL when silent). */
  private static final class PathError extends PgException {
    PathError(String sqlState, String message) {
      super(sqlState, message);
    }
  }

  private static final class Eval {
    private final Json root;
    private final Json vars;
    private final boolean strict;

    Eval(Json root, Json vars, boolean strict) {
      this.root = root;
      this.vars = vars;
      this.strict = strict;
    }

    /** The items a node yields at {@code current} (a predicate yields one boolean or null). */
    List<Json> items(Node n, Json current) {
      return items(n, current, null);
    }

    private List<Json> items(Node n, Json current, Json array) {
      if (n instanceof Primary p) {
        List<Json> base = switch (p.kind) {
          case "$" -> List.of(root);
          case "@" -> List.of(current);
          case "var" -> List.of(variable(p.name));
          case "lit" -> List.of(p.literal);
          case "last" -> {
            if (array == null) {
              throw new PgException(SqlState.SYNTAX_ERROR, "LAST is allowed only in array subscripts");
            }
            yield List.of(Json.number(String.valueOf(array.items.size() - 1)));
          }
          default -> items(p.inner, current, array);
        };
        for (Accessor a : p.accessors) {
          base = apply(a, base);
        }
        return base;
      }
      if (n instanceof Binary b && (b.op.equals("+") || b.op.equals("-") || b.op.equals("*")
          || b.op.equals("/") || b.op.equals("%"))) {
        return List.of(arithmetic(b.op, single(items(b.left, current, array), b.op),
            single(items(b.right, current, array), b.op)));
      }
      if (n instanceof Unary u && (u.op.equals("-") || u.op.equals("+"))) {
        List<Json> out = new ArrayList<>();
        for (Json v : unwrap(items(u.arg, current, array))) {
          if (v.kind != Json.Kind.NUMBER) {
            throw new PathError("2203C", "operand of unary jsonpath operator " + u.op + " is not a numeric value");
          }
          out.add(u.op.equals("-") ? Json.number(v.numeric().negate().toPlainString()) : v);
        }
        return out;
      }
      Boolean b = predicate(n, current);
      return List.of(b == null ? Json.NULL : Json.bool(b));
    }

    private Json variable(String name) {
      Json v = vars == null ? null : vars.get(name);
      if (v == null) {
        throw new PgException(SqlState.UNDEFINED_OBJECT, "could not find jsonpath variable \"" + name + "\"");
      }
      return v;
    }

    private List<Json> apply(Accessor a, List<Json> in) {
      List<Json> out = new ArrayList<>();
      for (Json v : in) {
        switch (a.kind) {
          case "key" -> {
            List<Json> targets = !strict && v.kind == Json.Kind.ARRAY ? v.items : List.of(v);
            for (Json t : targets) {
              Json m = t.kind == Json.Kind.OBJECT ? t.get(a.name) : null;
              if (m != null) {
                out.add(m);
              } else if (strict) {
                throw new PathError("2203A", t.kind == Json.Kind.OBJECT
                    ? "JSON object does not contain key \"" + a.name + "\""
                    : "jsonpath member accessor can only be applied to an object");
              }
            }
          }
          case "*" -> {
            List<Json> targets = !strict && v.kind == Json.Kind.ARRAY ? v.items : List.of(v);
            for (Json t : targets) {
              if (t.kind == Json.Kind.OBJECT) {
                out.addAll(t.members().values());
              } else if (strict) {
                throw new PathError("2203A", "jsonpath wildcard member accessor can only be applied to an object");
              }
            }
          }
          case "[*]" -> {
            if (v.kind == Json.Kind.ARRAY) {
              out.addAll(v.items);
            } else if (!strict) {
              out.add(v);
            } else {
              throw new PathError("22039", "jsonpath wildcard array accessor can only be applied to an array");
            }
          }
          case "[]" -> {
            Json arr = v;
            if (v.kind != Json.Kind.ARRAY) {
              if (strict) {
                throw new PathError("22039", "jsonpath array accessor can only be applied to an array");
              }
              arr = Json.array(List.of(v));
            }
            for (Node[] r : a.ranges) {
              int from = index(r[0], arr);
              int to = r[1] == null ? from : index(r[1], arr);
              for (int i = Math.max(from, 0); i <= to && i < arr.items.size(); i++) {
                out.add(arr.items.get(i));
              }
              if (strict && (from < 0 || to >= arr.items.size() || from > to)) {
                throw new PathError("22033", "jsonpath array subscript is out of bounds");
              }
            }
          }
          case "filter" -> {
            List<Json> targets = !strict && v.kind == Json.Kind.ARRAY ? v.items : List.of(v);
            for (Json t : targets) {
              if (Boolean.TRUE.equals(predicate(a.filter, t))) {
                out.add(t);
              }
            }
          }
          default -> out.addAll(method(a.name, v));
        }
      }
      return out;
    }

    private int index(Node n, Json array) {
      Json v = single(items(n, array, array), "array subscript");
      if (v.kind != Json.Kind.NUMBER) {
        throw new PathError("22033", "jsonpath array subscript is not a single numeric value");
      }
      return v.numeric().setScale(0, RoundingMode.DOWN).intValueExact();
    }

    private List<Json> method(String name, Json v) {
      if (!strict && v.kind == Json.Kind.ARRAY && !name.equals("type") && !name.equals("size")) {
        List<Json> out = new ArrayList<>();
        for (Json item : v.items) {
          out.addAll(method(name, item));
        }
        return out;
      }
      return switch (name) {
        case "type" -> List.of(Json.string(v.typeName()));
        case "size" -> {
          if (v.kind == Json.Kind.ARRAY) {
            yield List.of(Json.number(String.valueOf(v.items.size())));
          }
          if (strict) {
            throw new PathError("22039", "jsonpath item method .size() can only be applied to an array");
          }
          yield List.of(Json.number("1"));
        }
        case "double" -> {
          try {
            BigDecimal d = v.kind == Json.Kind.NUMBER ? v.numeric()
                : v.kind == Json.Kind.STRING ? new BigDecimal(v.scalar.trim()) : null;
            if (d == null) {
              throw new PathError("2203C", "jsonpath item method .double() can only be applied to a string or numeric value");
            }
            yield List.of(Json.number(d.toPlainString()));
          } catch (NumberFormatException e) {
            throw new PathError("2203C", "numeric argument of jsonpath item method .double() is out of range for type double precision");
          }
        }
        case "abs", "floor", "ceiling" -> {
          if (v.kind != Json.Kind.NUMBER) {
            throw new PathError("2203C", "jsonpath item method ." + name + "() can only be applied to a numeric value");
          }
          BigDecimal d = v.numeric();
          BigDecimal r = switch (name) {
            case "abs" -> d.abs();
            case "floor" -> d.setScale(0, RoundingMode.FLOOR);
            default -> d.setScale(0, RoundingMode.CEILING);
          };
          yield List.of(Json.number(r.toPlainString()));
        }
        default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "jsonpath item method ." + name + "() is not supported");
      };
    }

    private Json single(List<Json> items, String op) {
      List<Json> u = unwrap(items);
      if (u.size() != 1) {
        throw new PathError("22038", "left operand of jsonpath operator " + op + " is not a single numeric value");
      }
      return u.get(0);
    }

    private List<Json> unwrap(List<Json> items) {
      if (strict) {
        return items;
      }
      List<Json> out = new ArrayList<>();
      for (Json v : items) {
        if (v.kind == Json.Kind.ARRAY) {
          out.addAll(v.items);
        } else {
          out.add(v);
        }
      }
      return out;
    }

    private Json arithmetic(String op, Json l, Json r) {
      if (l.kind != Json.Kind.NUMBER || r.kind != Json.Kind.NUMBER) {
        throw new PathError("22038", (l.kind != Json.Kind.NUMBER ? "left" : "right")
            + " operand of jsonpath operator " + op + " is not a single numeric value");
      }
      BigDecimal x = l.numeric();
      BigDecimal y = r.numeric();
      BigDecimal v = switch (op) {
        case "+" -> x.add(y);
        case "-" -> x.subtract(y);
        case "*" -> x.multiply(y);
        case "/" -> Operators.NumericDivision.divide(x, y);
        default -> {
          if (y.signum() == 0) {
            throw Operators.divisionByZero();
          }
          yield x.remainder(y);
        }
      };
      return Json.number(v.toPlainString());
    }

    /** A predicate's three-valued result; errors inside make it unknown. */
    Boolean predicate(Node n, Json current) {
      if (n instanceof Binary b) {
        switch (b.op) {
          case "&&" -> {
            Boolean l = predicate(b.left, current);
            if (Boolean.FALSE.equals(l)) {
              return false;
            }
            Boolean r = predicate(b.right, current);
            if (Boolean.FALSE.equals(r)) {
              return false;
            }
            return l == null || r == null ? UNKNOWN : Boolean.TRUE;
          }
          case "||" -> {
            Boolean l = predicate(b.left, current);
            if (Boolean.TRUE.equals(l)) {
              return true;
            }
            Boolean r = predicate(b.right, current);
            if (Boolean.TRUE.equals(r)) {
              return true;
            }
            return l == null || r == null ? UNKNOWN : Boolean.FALSE;
          }
          case "==", "!=", "<>", "<", "<=", ">", ">=" -> {
            return compare(b.op, b.left, b.right, current);
          }
          default -> {
            return valueAsPredicate(n, current);
          }
        }
      }
      if (n instanceof Unary u) {
        switch (u.op) {
          case "!" -> {
            Boolean v = predicate(u.arg, current);
            return v == null ? UNKNOWN : Boolean.valueOf(!v);
          }
          case "is unknown" -> {
            return predicate(u.arg, current) == null;
          }
          case "exists" -> {
            try {
              return !items(u.arg, current).isEmpty();
            } catch (PathError e) {
              return UNKNOWN;
            }
          }
          default -> {
            return valueAsPredicate(n, current);
          }
        }
      }
      if (n instanceof LikeRegex l) {
        return anyMatch(l.arg, current, v -> {
          if (v.kind != Json.Kind.STRING) {
            return null;
          }
          return TextFunctions.regex(l.pattern, flags(l.flags)).matcher(v.scalar).find();
        });
      }
      if (n instanceof StartsWith sw) {
        Json prefix;
        try {
          List<Json> ps = items(sw.prefix, current);
          prefix = ps.size() == 1 ? ps.get(0) : null;
        } catch (PathError e) {
          return UNKNOWN;
        }
        if (prefix == null || prefix.kind != Json.Kind.STRING) {
          return UNKNOWN;
        }
        return anyMatch(sw.arg, current,
            v -> v.kind == Json.Kind.STRING ? v.scalar.startsWith(prefix.scalar) : null);
      }
      if (n instanceof Primary p && p.kind.equals("paren") && p.accessors.isEmpty()) {
        return predicate(p.inner, current);
      }
      return valueAsPredicate(n, current);
    }

    /** A path used where a predicate is expected: its single boolean item (jsonb_path_match). */
    private Boolean valueAsPredicate(Node n, Json current) {
      List<Json> items;
      try {
        items = items(n, current);
      } catch (PathError e) {
        return UNKNOWN;
      }
      if (items.size() == 1 && items.get(0).kind == Json.Kind.BOOLEAN) {
        return items.get(0).scalar.equals("true");
      }
      return UNKNOWN;
    }

    private static String flags(String f) {
      if (f == null) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      for (char c : f.toCharArray()) {
        switch (c) {
          case 'i' -> out.append('i');
          case 's', 'm', 'x' -> { }
          case 'q' -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the jsonpath flag \"q\" is not supported");
          default -> throw new PgException(SqlState.SYNTAX_ERROR,
              "invalid input syntax for type jsonpath", "Unrecognized flag character \"" + c
                  + "\" in LIKE_REGEX predicate.", null, 0, null);
        }
      }
      return out.toString();
    }

    private interface Test {
      Boolean test(Json v);
    }

    private Boolean anyMatch(Node arg, Json current, Test test) {
      List<Json> items;
      try {
        items = unwrap(items(arg, current));
      } catch (PathError e) {
        return UNKNOWN;
      }
      boolean error = false;
      for (Json v : items) {
        Boolean r = test.test(v);
        if (r == null) {
          error = true;
          if (strict) {
            return UNKNOWN;
          }
        } else if (r) {
          return true;
        }
      }
      return error ? UNKNOWN : Boolean.FALSE;
    }

    private Boolean compare(String op, Node left, Node right, Json current) {
      List<Json> ls;
      List<Json> rs;
      try {
        ls = unwrap(items(left, current));
        rs = unwrap(items(right, current));
      } catch (PathError e) {
        return UNKNOWN;
      }
      boolean error = false;
      for (Json l : ls) {
        for (Json r : rs) {
          Boolean c = compareItems(op, l, r);
          if (c == null) {
            error = true;
            if (strict) {
              return UNKNOWN;
            }
          } else if (c) {
            return true;
          }
        }
      }
      return error ? UNKNOWN : Boolean.FALSE;
    }

    private static Boolean compareItems(String op, Json l, Json r) {
      int c;
      if (l.kind == Json.Kind.NULL || r.kind == Json.Kind.NULL) {
        boolean eq = l.kind == r.kind;
        return switch (op) {
          case "==" -> eq;
          case "!=", "<>" -> !eq;
          default -> eq ? (op.equals("<=") || op.equals(">=")) : false;
        };
      }
      if (l.kind != r.kind) {
        return null;
      }
      switch (l.kind) {
        case NUMBER -> c = l.numeric().compareTo(r.numeric());
        case STRING -> c = compareCodePoints(l.scalar, r.scalar);
        case BOOLEAN -> c = Boolean.compare(l.scalar.equals("true"), r.scalar.equals("true"));
        default -> {
          return null;
        }
      }
      return switch (op) {
        case "==" -> c == 0;
        case "!=", "<>" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }

    private static int compareCodePoints(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int x = a.codePointAt(i);
        int y = b.codePointAt(j);
        if (x != y) {
          return Integer.compare(x, y);
        }
        i += Character.charCount(x);
        j += Character.charCount(y);
      }
      return Integer.compare(a.length() - i, b.length() - j);
    }
  }

  // ---- the parser ----

  private static final class Parser {
    private final String s;
    private int pos;
    /** Tokens: kind is one of "op", "str", "num", "word", "var", "end". */
    private String kind;
    private String tok;
    private int tokStart;

    Parser(String s) {
      this.s = s;
      next();
    }

    JsonPath parse() {
      boolean strict = false;
      if (kind.equals("word") && (tok.equals("strict") || tok.equals("lax"))) {
        strict = tok.equals("strict");
        next();
      }
      Node root = or();
      if (!kind.equals("end")) {
        throw syntax();
      }
      return new JsonPath(strict, root);
    }

    private Node or() {
      Node n = and();
      while (isOp("||")) {
        next();
        n = new Binary("||", n, and());
      }
      return n;
    }

    private Node and() {
      Node n = not();
      while (isOp("&&")) {
        next();
        n = new Binary("&&", n, not());
      }
      return n;
    }

    private Node not() {
      if (isOp("!")) {
        next();
        expectOp("(");
        Node inner = or();
        expectOp(")");
        return new Unary("!", inner);
      }
      return predicate();
    }

    private Node predicate() {
      if (kind.equals("word") && tok.equals("exists")) {
        next();
        expectOp("(");
        Node inner = or();
        expectOp(")");
        return new Unary("exists", inner);
      }
      Node left = additive();
      if (kind.equals("op") && (tok.equals("==") || tok.equals("!=") || tok.equals("<>")
          || tok.equals("<") || tok.equals("<=") || tok.equals(">") || tok.equals(">="))) {
        String op = tok.equals("<>") ? "!=" : tok;
        next();
        return new Binary(op, left, additive());
      }
      if (kind.equals("word") && tok.equals("like_regex")) {
        next();
        if (!kind.equals("str")) {
          throw syntax();
        }
        String pattern = tok;
        next();
        String flags = null;
        if (kind.equals("word") && tok.equals("flag")) {
          next();
          if (!kind.equals("str")) {
            throw syntax();
          }
          flags = tok;
          next();
        }
        TextFunctions.regex(pattern, Eval.flags(flags));
        return new LikeRegex(left, pattern, flags);
      }
      if (kind.equals("word") && tok.equals("starts")) {
        next();
        if (!kind.equals("word") || !tok.equals("with")) {
          throw syntax();
        }
        next();
        Node prefix = additive();
        return new StartsWith(left, prefix);
      }
      if (kind.equals("word") && tok.equals("is")) {
        next();
        if (!kind.equals("word") || !tok.equals("unknown")) {
          throw syntax();
        }
        next();
        return new Unary("is unknown", left);
      }
      return left;
    }

    private Node additive() {
      Node n = multiplicative();
      while (isOp("+") || isOp("-")) {
        String op = tok;
        next();
        n = new Binary(op, n, multiplicative());
      }
      return n;
    }

    private Node multiplicative() {
      Node n = unary();
      while (isOp("*") || isOp("/") || isOp("%")) {
        String op = tok;
        next();
        n = new Binary(op, n, unary());
      }
      return n;
    }

    private Node unary() {
      if (isOp("-") || isOp("+")) {
        String op = tok;
        next();
        return new Unary(op, unary());
      }
      return accessors(primary());
    }

    private Primary primary() {
      Primary p;
      switch (kind) {
        case "op" -> {
          if (tok.equals("$") || tok.equals("@")) {
            p = new Primary(tok, null, null, null);
          } else if (tok.equals("(")) {
            next();
            Node inner = or();
            if (!isOp(")")) {
              throw syntax();
            }
            p = new Primary("paren", null, null, inner);
          } else {
            throw syntax();
          }
        }
        case "var" -> p = new Primary("var", tok, null, null);
        case "str" -> p = new Primary("lit", null, Json.string(tok), null);
        case "num" -> p = new Primary("lit", null, Json.number(tok), null);
        case "word" -> {
          p = switch (tok) {
            case "true", "false" -> new Primary("lit", null, Json.bool(tok.equals("true")), null);
            case "null" -> new Primary("lit", null, Json.NULL, null);
            case "last" -> new Primary("last", null, null, null);
            default -> throw syntax();
          };
        }
        default -> throw syntax();
      }
      next();
      return p;
    }

    private Primary accessors(Primary p) {
      while (true) {
        if (isOp(".")) {
          next();
          if (isOp("*")) {
            next();
            p.accessors.add(new Accessor("*", null, null, null));
          } else if (kind.equals("str") || kind.equals("word")) {
            String name = tok;
            boolean word = kind.equals("word");
            next();
            if (word && isOp("(")) {
              next();
              expectOp(")");
              p.accessors.add(new Accessor("method", name, null, null));
            } else {
              p.accessors.add(new Accessor("key", name, null, null));
            }
          } else {
            throw syntax();
          }
        } else if (isOp("[")) {
          next();
          if (isOp("*")) {
            next();
            expectOp("]");
            p.accessors.add(new Accessor("[*]", null, null, null));
            continue;
          }
          List<Node[]> ranges = new ArrayList<>();
          while (true) {
            Node from = additive();
            Node to = null;
            if (kind.equals("word") && tok.equals("to")) {
              next();
              to = additive();
            }
            ranges.add(new Node[] {from, to});
            if (isOp(",")) {
              next();
              continue;
            }
            expectOp("]");
            break;
          }
          p.accessors.add(new Accessor("[]", null, ranges, null));
        } else if (isOp("?")) {
          next();
          expectOp("(");
          Node filter = or();
          expectOp(")");
          p.accessors.add(new Accessor("filter", null, null, filter));
        } else {
          return p;
        }
      }
    }

    private boolean isOp(String op) {
      return kind.equals("op") && tok.equals(op);
    }

    private void expectOp(String op) {
      if (!isOp(op)) {
        throw syntax();
      }
      next();
    }

    private PgException syntax() {
      if (kind.equals("end")) {
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of jsonpath input");
      }
      return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \""
          + s.substring(tokStart, Math.min(s.length(), Math.max(pos, tokStart + 1))) + "\" of jsonpath input");
    }

    private void next() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
      tokStart = pos;
      if (pos >= s.length()) {
        kind = "end";
        tok = "";
        return;
      }
      char c = s.charAt(pos);
      if (c == '"') {
        kind = "str";
        tok = quoted();
        return;
      }
      if (c == '$' && pos + 1 < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_' || s.charAt(pos + 1) == '"')) {
        pos++;
        kind = "var";
        if (s.charAt(pos) == '"') {
          tok = quoted();
        } else {
          int b = pos;
          while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
          }
          tok = s.substring(b, pos);
        }
        return;
      }
      if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))
          && !(pos > 0 && (s.charAt(pos - 1) == '$' || s.charAt(pos - 1) == '@' || s.charAt(pos - 1) == ']')))) {
        int b = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
          pos++;
          while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
          }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
          int e = pos + 1;
          if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
            e++;
          }
          if (e < s.length() && Character.isDigit(s.charAt(e))) {
            pos = e;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
              pos++;
            }
          }
        }
        kind = "num";
        tok = s.substring(b, pos);
        return;
      }
      if (Character.isLetter(c) || c == '_') {
        int b = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
          pos++;
        }
        kind = "word";
        tok = s.substring(b, pos);
        return;
      }
      for (String op : new String[] {"==", "!=", "<>", "<=", ">=", "&&", "||"}) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          kind = "op";
          tok = op;
          return;
        }
      }
      if ("$@.[]()*,?<>!+-/%".indexOf(c) >= 0) {
        pos++;
        kind = "op";
        tok = String.valueOf(c);
        return;
      }
      pos++;
      kind = "bad";
      tok = String.valueOf(c);
    }

    private String quoted() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= s.length()) {
          throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of jsonpath input");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && pos < s.length()) {
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
    }
  }

  /** {@code x starts with y}. */
  private static final class StartsWith extends Node {
    final Node arg;
    final Node prefix;

    StartsWith(Node arg, Node prefix) {
      this.arg = arg;
      this.prefix = prefix;
    }

    @Override
    int priority() {
      return 2;
    }

    @Override
    void print(StringBuilder out, boolean brackets) {
      if (brackets) {
        out.append('(');
      }
      arg.print(out, arg.priority() <= 2);
      out.append(" starts with ");
      prefix.print(out, prefix.priority() <= 2);
      if (brackets) {
        out.append(')');
      }
    }
  }
}
