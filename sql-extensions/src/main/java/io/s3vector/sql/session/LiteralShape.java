package io.s3vector.sql.session;

import io.s3vector.sql.lex.Token;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A simple-protocol INSERT, UPDATE or DELETE with its constants taken out as parameters: {@code
 * INSERT INTO items VALUES (1, '[1,2,3]')} has the shape {@code INSERT INTO items VALUES ($1,
 * $2)} with the parameters {@code 1} (int4, as PostgreSQL types the constant) and {@code
 * '[1,2,3]'} (a string: its type inferred from where it stands, as a constant's is). Statements of
 * one shape share one plan ({@link PgSession#prepareSimple}): a client that sends its values inside
 * the text (psql scripts, pgbench, psycopg2, any driver without server-side parameters) parsed and
 * planned every statement anew, about half of what an INSERT of a vector cost.
 *
 * <p>Only constants whose meaning a parameter keeps are taken out. Statements with a query part
 * (SELECT, ORDER BY, GROUP BY, LIMIT, ...) keep theirs ({@code ORDER BY 1} names a column); so do
 * constants after RETURNING (a parameter there would be a column of unknown type), typed
 * constants ({@code DATE '2026-01-01'}, {@code B'101'}), and constants inside the parentheses or
 * brackets of a name ({@code varchar(10)}, {@code lower('A')}, {@code a[1]}) other than VALUES
 * and IN.
 *
 * @param sql the shape: the statement with each taken constant replaced by {@code $n}
 * @param typeOids per parameter: int4, int8 or numeric for a number, 0 (inferred) for a string
 * @param values per parameter: the constant's text (a number as written, a string's value)
 */
public record LiteralShape(String sql, int[] typeOids, String[] values) {

  /**
   * A statement with more constants is planned as written: a large multi-row INSERT is a shape
   * of its own row count, rarely sent twice, whose plan would only crowd the session's shapes.
   */
  private static final int MAX_PARAMETERS = 4096;

  private static final Set<String> QUERY_WORDS = Set.of("select", "order", "group", "limit",
      "offset", "fetch", "having", "window", "over", "with", "union", "intersect", "except");

  /** The shape of the statement, or null when it is not one whose constants are taken out. */
  public static LiteralShape of(String sql) {
    return of(sql, io.s3vector.sql.lex.PgLexer.tokenize(sql));
  }

  /** {@link #of(String)} of the statement's tokens. */
  static LiteralShape of(String sql, List<Token> tokens) {
    if (tokens.isEmpty()) {
      return null;
    }
    Token first = tokens.get(0);
    if (!first.isWord("insert") && !first.isWord("update") && !first.isWord("delete")) {
      return null;
    }
    StringBuilder shape = new StringBuilder(sql.length());
    List<Integer> oids = new ArrayList<>();
    List<String> values = new ArrayList<>();
    // per open parenthesis or bracket: whether constants inside it may be taken out
    java.util.ArrayDeque<Boolean> open = new java.util.ArrayDeque<>();
    boolean allowed = true; // inside no blocked parenthesis
    int copied = 0;
    Token previous = null;
    for (Token token : tokens) {
      switch (token.kind()) {
        case PARAM -> {
          return null; // $n in a simple query: an error the plain path reports
        }
        case WORD -> {
          if (QUERY_WORDS.contains(token.text())) {
            return null;
          }
          if (token.isWord("returning")) {
            allowed = false;
            open.clear();
          }
        }
        case OP -> {
          if (token.isOp("(") || token.isOp("[")) {
            boolean inside = allowed && (previous == null || previous.kind() == Token.Kind.OP
                || previous.isWord("values") || previous.isWord("in"));
            open.push(allowed);
            allowed = inside;
          } else if ((token.isOp(")") || token.isOp("]")) && !open.isEmpty()) {
            allowed = open.pop();
          }
        }
        case STRING, NUMBER -> {
          int oid = allowed && takenOut(sql, token, previous) ? oidOf(token) : -1;
          if (oid >= 0) {
            if (values.size() == MAX_PARAMETERS) {
              return null;
            }
            shape.append(sql, copied, token.start()).append('$').append(values.size() + 1);
            copied = token.end();
            oids.add(oid);
            values.add(token.text());
          }
        }
        default -> {}
      }
      previous = token;
    }
    if (values.isEmpty()) {
      return null;
    }
    shape.append(sql, copied, sql.length());
    return new LiteralShape(shape.toString(), oids.stream().mapToInt(Integer::intValue).toArray(),
        values.toArray(new String[0]));
  }

  /**
   * Whether the constant stands alone: not after a name (a typed constant such as {@code DATE
   * '...'} or {@code B'...'}), and a string written plainly, with {@code E}, or dollar-quoted.
   */
  private static boolean takenOut(String sql, Token token, Token previous) {
    if (previous != null && previous.isName()) {
      return false;
    }
    if (token.kind() == Token.Kind.STRING) {
      char c = sql.charAt(token.start());
      return c == '\'' || c == '$' || c == 'e' || c == 'E';
    }
    return true;
  }

  /**
   * The type PostgreSQL gives the constant: a string is unknown until its place decides (0: the
   * planner infers it); an integer is int4, int8 if larger, numeric if larger still; anything
   * with a point or an exponent numeric. -1: a number written otherwise (hexadecimal, with
   * underscores), which keeps its place in the text.
   */
  private static int oidOf(Token token) {
    if (token.kind() == Token.Kind.STRING) {
      return 0;
    }
    String text = token.text();
    boolean integer = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && i > 0)) {
        integer = false;
      } else if (c < '0' || c > '9') {
        return -1;
      }
    }
    if (!integer) {
      return PgTypes.NUMERIC.oid();
    }
    if (text.length() <= 9 || (text.length() == 10 && text.compareTo("2147483647") <= 0)) {
      return PgTypes.INT4.oid();
    }
    if (text.length() <= 18 || (text.length() == 19 && text.compareTo("9223372036854775807") <= 0)) {
      return PgTypes.INT8.oid();
    }
    return PgTypes.NUMERIC.oid();
  }
}
