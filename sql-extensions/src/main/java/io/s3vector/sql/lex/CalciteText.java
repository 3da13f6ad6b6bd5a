package io.s3vector.sql.lex;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement (or part of one) rewritten for Calcite's lexer: PostgreSQL's {@code $n}
 * placeholders become {@code ?} (remembering which n each {@code ?} is, as a {@code $n} may
 * repeat), the {@code []} type suffix becomes {@code ARRAY}, and E'...' and $$...$$ strings become
 * standard '...' literals. Keeps a map back to offsets in the original text for error positions.
 *
 * @param text the rewritten text
 * @param paramNumbers for the i-th {@code ?} (0-based), its PostgreSQL parameter number n
 * @param originalOffsets for each offset of {@code text}, the offset in the original statement
 */
public record CalciteText(String text, int[] paramNumbers, int[] originalOffsets) {
  /** The function name {@code (expr).name} is rewritten to ({@code "$field"(expr, 'name')}). */
  public static final String FIELD_SELECTION = "$field";
  /** The wrapper {@code f(args) WITH ORDINALITY} in FROM is rewritten to. */
  public static final String WITH_ORDINALITY = "$with_ordinality";
  /**
   * The label of a {@code DISTINCT ON} expression: {@code SELECT DISTINCT ON (a, b) x} is rewritten
   * to {@code SELECT a AS "$distinct_on", b AS "$distinct_on", x}, which Calcite parses; the binder
   * takes the labelled items as the keys ({@code QueryBinder}).
   */
  public static final String DISTINCT_ON = "$distinct_on";
  /** {@code SET col = DEFAULT}, which Calcite's UPDATE does not parse. */
  public static final String SET_DEFAULT = "$default";

  /** {@code text} written by the server, standing at {@code offset} of the statement. */
  public static CalciteText literal(String text, int offset) {
    int[] offsets = new int[text.length()];
    java.util.Arrays.fill(offsets, offset);
    return new CalciteText(text, new int[0], offsets);
  }

  /** This text followed by {@code next}: parameters numbered on in order, positions kept. */
  public CalciteText plus(CalciteText next) {
    int[] params = java.util.Arrays.copyOf(paramNumbers, paramNumbers.length + next.paramNumbers.length);
    System.arraycopy(next.paramNumbers, 0, params, paramNumbers.length, next.paramNumbers.length);
    int[] offsets = java.util.Arrays.copyOf(originalOffsets, originalOffsets.length + next.originalOffsets.length);
    System.arraycopy(next.originalOffsets, 0, offsets, originalOffsets.length, next.originalOffsets.length);
    return new CalciteText(text + next.text, params, offsets);
  }

  /** This text followed by {@code next} written by the server (placed where this text ends). */
  public CalciteText plus(String next) {
    return plus(literal(next, originalOffsets.length > 0 ? originalOffsets[originalOffsets.length - 1] : 0));
  }

  /** This text behind {@code prefix} (e.g. a RETURNING list as a SELECT list); positions kept. */
  public CalciteText withPrefix(String prefix) {
    int[] offsets = new int[originalOffsets.length + prefix.length()];
    for (int i = 0; i < prefix.length(); i++) {
      offsets[i] = originalOffsets.length > 0 ? originalOffsets[0] : 0;
    }
    System.arraycopy(originalOffsets, 0, offsets, prefix.length(), originalOffsets.length);
    return new CalciteText(prefix + text, paramNumbers, offsets);
  }

  /** The index of the "," or ")" that ends the argument starting at {@code i}, or -1. */
  private static int argumentEnd(List<Token> tokens, int i, int to) {
    int depth = 0;
    for (int j = i; j < to; j++) {
      Token t = tokens.get(j);
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]")) {
        if (depth == 0) {
          return j;
        }
        depth--;
      } else if (t.isOp(",") && depth == 0) {
        return j;
      }
    }
    return -1;
  }

  /** Type names PostgreSQL takes before a string as a typed literal and Calcite does not. */
  private static final java.util.Set<String> TYPED_LITERAL_TYPES = java.util.Set.of("interval",
      "timestamptz", "jsonb", "json", "uuid", "vector", "bytea", "numeric", "int2", "int4", "int8",
      "float4", "float8", "bool", "text", "oid", "regclass", "regtype", "jsonpath");

  /** The units of SQL's {@code INTERVAL '1' DAY}, which Calcite parses itself. */
  private static final java.util.Set<String> INTERVAL_UNITS =
      java.util.Set.of("year", "month", "day", "hour", "minute", "second");

  /** Words after AS that are syntax, not a label (CREATE TABLE ... AS SELECT, WITH x AS ...). */
  private static final java.util.Set<String> NOT_LABELS = java.util.Set.of("select", "values", "with",
      "not", "materialized", "identity", "enum", "table", "range", "stored");

  /** Whether word {@code i} is a label after AS (not a type name in CAST(x AS type)). */
  private static boolean isLabelAfterAs(List<Token> tokens, int from, int i, java.util.ArrayDeque<int[]> opens) {
    Token t = tokens.get(i);
    if (i == from || !tokens.get(i - 1).isWord("as") || NOT_LABELS.contains(t.text())) {
      return false;
    }
    boolean inCast = !opens.isEmpty() && opens.peek()[2] == 1;
    return !inCast && !(i + 1 < tokens.size() && tokens.get(i + 1).isOp("("));
  }

  /**
   * Whether token {@code i} starts a FROM item: it follows FROM, JOIN, LATERAL, or a comma
   * whose clause (the last clause word at the same parenthesis depth) is FROM.
   */
  private static boolean isFromItemStart(List<Token> tokens, int from, int i) {
    if (i == from) {
      return false;
    }
    Token prev = tokens.get(i - 1);
    if (prev.isWord("from") || prev.isWord("join") || prev.isWord("lateral")) {
      return true;
    }
    if (!prev.isOp(",")) {
      return false;
    }
    int depth = 0;
    for (int j = i - 2; j >= from; j--) {
      Token t = tokens.get(j);
      if (t.isOp(")")) {
        depth++;
      } else if (t.isOp("(")) {
        if (depth == 0) {
          return false;
        }
        depth--;
      } else if (depth == 0 && (t.isWord("from") || t.isWord("select") || t.isWord("where")
          || t.isWord("group") || t.isWord("order") || t.isWord("having") || t.isWord("values")
          || t.isWord("set") || t.isWord("returning"))) {
        return t.isWord("from");
      }
    }
    return false;
  }

  /** The one-row relation a SELECT without FROM reads when it has WHERE, GROUP BY or HAVING. */
  public static final String DUAL = "$dual";

  /** Clauses Calcite parses only after a FROM, which PostgreSQL takes without one. */
  private static final java.util.Set<String> AFTER_FROM =
      java.util.Set.of("where", "group", "having", "window");

  /** Words that end a SELECT's clauses at its parenthesis depth. */
  private static final java.util.Set<String> SELECT_ENDS = java.util.Set.of("union", "intersect",
      "except", "order", "limit", "offset", "fetch", "for", "on", "returning");

  /**
   * {@code SELECT 1 WHERE false}, {@code INSERT ... SELECT ... WHERE NOT EXISTS (...)}: PostgreSQL
   * runs a SELECT without FROM that has WHERE, GROUP BY or HAVING over one row; Calcite's grammar
   * has those clauses after a FROM only, so such a SELECT reads a one-row relation of its own.
   * Returns, by token index, the FROM to write before its first such clause. {@code SELECT *}
   * is left as it is (PostgreSQL refuses it without tables).
   */
  private static java.util.Map<Integer, String> fromlessSelects(List<Token> tokens, int from, int to) {
    java.util.Map<Integer, String> out = new java.util.HashMap<>();
    for (int i = from; i < to; i++) {
      if (!tokens.get(i).isWord("select") || i + 1 < to && tokens.get(i + 1).isOp("*")) {
        continue;
      }
      int depth = 0;
      for (int j = i + 1; j < to; j++) {
        Token t = tokens.get(j);
        if (t.isOp("(")) {
          depth++;
        } else if (t.isOp(")")) {
          if (--depth < 0) {
            break;
          }
        } else if (depth == 0 && t.kind() == Token.Kind.WORD
            && !tokens.get(j - 1).isOp(".") && !tokens.get(j - 1).isWord("as")) {
          // (a key word after a dot or AS is a name: t.group, AS where)
          if (t.isWord("from") && !tokens.get(j - 1).isWord("distinct")) {
            break;
          }
          if (AFTER_FROM.contains(t.text())) {
            out.put(j, " FROM (VALUES (0)) AS \"" + DUAL + "\" (\"" + DUAL + "\")");
            break;
          }
          if (t.isWord("on") && tokens.get(j - 1).isWord("distinct")) {
            continue; // SELECT DISTINCT ON (...)
          }
          if (SELECT_ENDS.contains(t.text()) || t.isWord("select")) {
            break;
          }
        } else if (depth == 0 && t.isOp(";")) {
          break;
        }
      }
    }
    return out;
  }

  /** Rewrites tokens {@code [from, to)} of {@code sql}. */
  public static CalciteText of(String sql, List<Token> tokens, int from, int to) {
    StringBuilder out = new StringBuilder();
    List<Integer> offsets = new ArrayList<>();
    List<Integer> params = new ArrayList<>();
    // where each open parenthesis was written in the output (for field selection)
    java.util.ArrayDeque<int[]> opens = new java.util.ArrayDeque<>();
    // where each token starts in the output (a function's name, for WITH ORDINALITY)
    int[] tokenOut = new int[Math.max(0, to - from)];
    // tokens before which a ")" closes a wrapped first argument of a function in FROM
    java.util.Set<Integer> closeBefore = new java.util.HashSet<>();
    // DISTINCT ON (...): the commas and the ")" of its list, each written as a label and a comma
    java.util.Set<Integer> distinctOnEnds = new java.util.HashSet<>();
    // text written before the token of that index (the end of interval 'text''s cast)
    java.util.Map<Integer, String> insertBefore = fromlessSelects(tokens, from, to);
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (closeBefore.remove(i)) {
        append(out, offsets, ")", t.start());
      }
      String inserted = insertBefore.remove(i);
      if (inserted != null) {
        append(out, offsets, inserted, tokens.get(i - 1).end());
      }
      if (i > from && t.start() > tokens.get(i - 1).end()) {
        append(out, offsets, " ", tokens.get(i - 1).end());
      }
      tokenOut[i - from] = out.length();
      if (distinctOnEnds.remove(i)) {
        append(out, offsets, " AS \"" + DISTINCT_ON + "\",", t.start());
        continue;
      }
      if (t.isWord("distinct") && i + 2 < to && tokens.get(i + 1).isWord("on")
          && tokens.get(i + 2).isOp("(")) {
        int end = argumentEnd(tokens, i + 3, to);
        while (end > 0 && tokens.get(end).isOp(",")) {
          distinctOnEnds.add(end);
          end = argumentEnd(tokens, end + 1, to);
        }
        if (end > 0) {
          distinctOnEnds.add(end);
          i += 2;
          continue;
        }
      }
      switch (t.kind()) {
        case PARAM -> {
          params.add(Integer.parseInt(t.text()));
          append(out, offsets, "?", t.start());
        }
        case STRING -> append(out, offsets, "'" + t.text().replace("'", "''") + "'", t.start());
        case IDENT -> append(out, offsets, "\"" + t.text().replace("\"", "\"\"") + "\"", t.start());
        case OP -> {
          if (t.isOp("[") && i + 1 < to && tokens.get(i + 1).isOp("]")
              && !(i > from && tokens.get(i - 1).isWord("array"))) {
            append(out, offsets, " ARRAY", t.start());
            i++;
          } else if (t.isOp("(")) {
            boolean cast = i > from && tokens.get(i - 1).isWord("cast");
            int name = i - 1;
            while (name - 2 >= from && tokens.get(name - 1).isOp(".") && tokens.get(name - 2).isName()) {
              name -= 2;
            }
            int nameStart = i > from && tokens.get(i - 1).isName() ? tokenOut[name - from] : -1;
            opens.push(new int[] {out.length(), t.start(), cast ? 1 : 0, nameStart, name < from ? 0 : tokens.get(Math.max(name, from)).start()});
            append(out, offsets, t.text(), t.start());
            // f(g(x)) in FROM: Calcite's table-function grammar takes a first argument that is a
            // call only in parentheses, so it goes as f((g(x)))
            if (nameStart >= 0 && name >= from && isFromItemStart(tokens, from, name)
                && !tokens.get(i - 1).isWord("lateral") && !tokens.get(i + 1).isWord("select")
                && !tokens.get(i + 1).isWord("values") && !tokens.get(i + 1).isWord("with")
                && i + 2 < to && tokens.get(i + 1).isName() && tokens.get(i + 2).isOp("(")) {
              int end = argumentEnd(tokens, i + 1, to);
              if (end > 0) {
                append(out, offsets, "(", t.start());
                closeBefore.add(end);
              }
            }
          } else if (t.isOp(")")) {
            append(out, offsets, t.text(), t.start());
            int[] open = opens.isEmpty() ? null : opens.pop();
            // (expr).name, PostgreSQL's field selection, which Calcite cannot parse:
            // "$field"((expr), 'name')
            if (open != null && i + 2 < to && tokens.get(i + 1).isOp(".")
                && tokens.get(i + 2).isName()) {
              String head = "\"" + FIELD_SELECTION + "\"(";
              out.insert(open[0], head);
              offsets.addAll(open[0], java.util.Collections.nCopies(head.length(), open[1]));
              append(out, offsets, ", '" + tokens.get(i + 2).text().replace("'", "''") + "')",
                  tokens.get(i + 2).start());
              i += 2;
            } else if (open != null && open[3] >= 0 && i + 2 < to && tokens.get(i + 1).isWord("with")
                && tokens.get(i + 2).isWord("ordinality")) {
              // f(args) WITH ORDINALITY in FROM, which Calcite parses for UNNEST only:
              // "$with_ordinality"('f', args)
              String name = out.substring(open[3], open[0]).replace("\"", "").strip();
              name = name.substring(name.lastIndexOf('.') + 1);
              boolean noArgs = tokens.get(i - 1).isOp("(");
              String head = "\"" + WITH_ORDINALITY + "\"('" + name.replace("'", "''") + "'" + (noArgs ? "" : ", ");
              out.replace(open[3], open[0] + 1, head);
              offsets.subList(open[3], open[0] + 1).clear();
              offsets.addAll(open[3], java.util.Collections.nCopies(head.length(), open[4]));
              i += 2;
            }
          } else if (isGeneric(t.text())) {
            append(out, offsets, genericOperator(t.text()), t.start());
          } else {
            append(out, offsets, t.text(), t.start());
          }
        }
        default -> {
          // the type name interval: Calcite's INTERVAL wants a unit; the quoted name "interval"
          // is a type our binder knows
          if (t.isWord("interval") && i > from
              && (tokens.get(i - 1).isOp("::") || tokens.get(i - 1).isWord("as"))) {
            append(out, offsets, "\"interval\"", t.start());
            continue;
          }
          // PostgreSQL's typed literal, type 'text' (interval '1 day', jsonb '{}', vector
          // '[1,2]'), which Calcite parses for DATE, TIME and TIMESTAMP only: a cast
          if (TYPED_LITERAL_TYPES.contains(t.text()) && i + 1 < to
              && tokens.get(i + 1).kind() == Token.Kind.STRING
              && !(i > from && (tokens.get(i - 1).isOp(".") || tokens.get(i - 1).isOp("::")))
              && !(t.isWord("interval") && i + 2 < to
                  && INTERVAL_UNITS.contains(tokens.get(i + 2).text()))) {
            append(out, offsets, "CAST(", t.start());
            insertBefore.merge(i + 2, " AS \"" + t.text() + "\")", (dual, cast) -> cast + dual);
            continue;
          }
          if (isLabelAfterAs(tokens, from, i, opens)
              || (i > from && tokens.get(i - 1).isOp(".") && !tokens.get(i).isWord("*"))) {
            // ... and a name after a dot is a name, even a key word (pgjdbc's tmp.CARDINALITY)
            // PostgreSQL takes any key word as a column label after AS (SQLAlchemy's "AS default",
            // pgjdbc's "AS CARDINALITY"); Calcite reserves many, so the label goes quoted.
            append(out, offsets, "\"" + t.text() + "\"", t.start());
            continue;
          }
          int operatorEnd = operatorSyntaxEnd(tokens, i, to);
          if (operatorEnd > 0) {
            // OPERATOR(pg_catalog.~) (psql's patterns): the operator itself, at its precedence.
            String op = tokens.get(operatorEnd - 1).text();
            append(out, offsets, isGeneric(op) ? genericOperator(op) : op,
                t.start());
            i = operatorEnd;
            continue;
          }
          int collateEnd = collateEnd(tokens, i, to);
          if (collateEnd > 0) {
            i = collateEnd - 1;
            continue;
          }
          // SET col = DEFAULT (UPDATE, ON CONFLICT DO UPDATE): Calcite takes no DEFAULT there;
          // DmlBinder reads "$default"() as the column's default
          if (t.isWord("default") && opens.isEmpty() && i - 3 >= from && tokens.get(i - 1).isOp("=")
              && tokens.get(i - 2).isName()
              && (tokens.get(i - 3).isWord("set") || tokens.get(i - 3).isOp(","))) {
            append(out, offsets, "\"" + SET_DEFAULT + "\"()", t.start());
            continue;
          }
          append(out, offsets, sql.substring(t.start(), t.end()), t.start());
          // INSERT INTO t DEFAULT VALUES: Calcite has no such form; VALUES (DEFAULT) for the
          // first column (InsertBinder gives the others their defaults) means the same.
          if (t.isWord("default") && i + 1 < to && tokens.get(i + 1).isWord("values")
              && tokens.get(from).isWord("insert")) {
            out.setLength(out.length() - "default".length());
            offsets.subList(offsets.size() - "default".length(), offsets.size()).clear();
            append(out, offsets, "VALUES (DEFAULT)", t.start());
            i++;
            continue;
          }
          // unnest(...) outside a FROM list is a function call in PostgreSQL, a reserved word
          // (the FROM form only) in Calcite.
          if (t.isWord("unnest") && i + 1 < to && tokens.get(i + 1).isOp("(")
              && !isFromItemStart(tokens, from, i)) {
            out.setLength(out.length() - "unnest".length());
            offsets.subList(offsets.size() - "unnest".length(), offsets.size()).clear();
            append(out, offsets, "\"unnest\"", t.start());
            continue;
          }
          // current_schema() is a function in PostgreSQL, a niladic keyword in Calcite.
          if (t.isWord("current_schema") && i + 2 < to && tokens.get(i + 1).isOp("(")
              && tokens.get(i + 2).isOp(")")) {
            i += 2;
          }
        }
      }
    }
    String tail = insertBefore.remove(to);
    if (tail != null) {
      append(out, offsets, tail, tokens.get(to - 1).end());
    }
    int[] map = new int[offsets.size() + 1];
    for (int i = 0; i < offsets.size(); i++) {
      map[i] = offsets.get(i);
    }
    map[offsets.size()] = to > from ? tokens.get(to - 1).end() : 0;
    return new CalciteText(
        out.toString(), params.stream().mapToInt(Integer::intValue).toArray(), map);
  }

  /**
   * Whether our grammar's generic operator parses {@code op}: the operators Calcite does not
   * know, and {@code ||} and {@code ^}, whose precedence differs in Calcite (PostgreSQL: {@code
   * 'a' || 1 + 1} is {@code 'a' || (1 + 1)}; {@code ^} binds tighter than {@code *}).
   */
  static boolean isGeneric(String op) {
    return PgLexer.PG_ONLY_OPERATORS.contains(op) || op.equals("||") || op.equals("^");
  }

  /** How our grammar's generic operator token spells a PostgreSQL-only operator. */
  static String genericOperator(String op) {
    return "`" + op + "`";
  }

  /**
   * After {@code OPERATOR ( [schema .] op )} starting at token {@code i}, the index of its
   * closing parenthesis; else -1. Only pg_catalog's (and unqualified) operators exist here.
   */
  private static int operatorSyntaxEnd(List<Token> tokens, int i, int to) {
    if (!tokens.get(i).isWord("operator") || i + 3 >= to || !tokens.get(i + 1).isOp("(")) {
      return -1;
    }
    int j = i + 2;
    if (tokens.get(j).isName() && j + 2 < to && tokens.get(j + 1).isOp(".")) {
      if (!tokens.get(j).text().equals("pg_catalog")) {
        throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.FEATURE_NOT_SUPPORTED,
            "operators outside schema pg_catalog are not supported", null, null,
            tokens.get(j).start() + 1, null);
      }
      j += 2;
    }
    if (tokens.get(j).kind() != Token.Kind.OP || j + 1 >= to || !tokens.get(j + 1).isOp(")")) {
      return -1;
    }
    return j + 1;
  }

  /**
   * After {@code COLLATE name} starting at token {@code i}, the index of the token after it;
   * else -1. Text compares bytewise here, which is the "C" collation; "default" and "POSIX" name
   * it too (the server's database collation is C). Any other collation is 0A000.
   */
  private static int collateEnd(List<Token> tokens, int i, int to) {
    if (!tokens.get(i).isWord("collate") || i + 1 >= to) {
      return -1;
    }
    int j = i + 1;
    if (tokens.get(j).isName() && j + 2 < to && tokens.get(j + 1).isOp(".")
        && tokens.get(j).text().equals("pg_catalog") && tokens.get(j + 2).isName()) {
      j += 2;
    }
    Token name = tokens.get(j);
    if (!name.isName()) {
      return -1;
    }
    String collation = name.kind() == Token.Kind.WORD ? name.text() : name.text();
    if (!collation.equals("C") && !collation.equals("POSIX") && !collation.equals("default")
        && !collation.equals("ucs_basic") && !(name.kind() == Token.Kind.WORD
            && (collation.equals("c") || collation.equals("posix")))) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.FEATURE_NOT_SUPPORTED,
          "collation \"" + collation + "\" is not supported (only \"C\" and \"default\" are)",
          null, null, name.start() + 1, null);
    }
    return j + 1;
  }

  private static void append(StringBuilder out, List<Integer> offsets, String s, int origin) {
    out.append(s);
    for (int i = 0; i < s.length(); i++) {
      offsets.add(origin);
    }
  }

  /**
   * The original offset of the first operator character after the 1-based (line, column) end of
   * an operand (skipping spaces and closing parentheses), or -1.
   */
  public int originalOffsetAfter(int line, int column) {
    int offset = textOffset(line, column) + 1;
    while (offset < text.length()
        && (Character.isWhitespace(text.charAt(offset)) || text.charAt(offset) == ')')) {
      offset++;
    }
    return offset < originalOffsets.length - 1 ? originalOffsets[offset] : -1;
  }

  private int textOffset(int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset < text.length(); offset++) {
      if (text.charAt(offset) == '\n') {
        l++;
      }
    }
    return offset + column - 1;
  }

  /** The original offset of a 1-based (line, column) position in {@link #text}. */
  public int originalOffset(int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset < text.length(); offset++) {
      if (text.charAt(offset) == '\n') {
        l++;
      }
    }
    offset += column - 1;
    if (offset < 0) {
      return 0;
    }
    return offset < originalOffsets.length ? originalOffsets[offset] : -1;
  }
}
