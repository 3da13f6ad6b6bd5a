package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.rel.type.RelDataType;

/**
 * PostgreSQL's string functions and its pattern-matching operators: LIKE/ILIKE ({@code ~~},
 * {@code ~~*}, with ESCAPE), POSIX regular expressions ({@code ~}, {@code ~*}, {@code !~}, {@code
 * !~*}, {@code regexp_replace}, {@code regexp_match}) and the functions clients commonly call
 * ({@code substring}, {@code position}, {@code concat}, {@code split_part}, {@code format}, ...).
 * Positions and lengths count characters (code points), as PostgreSQL does in UTF8.
 */
public final class TextFunctions {
  private TextFunctions() {}

  private static final Map<String, Pattern> PATTERNS =
      Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
          return size() > 256;
        }
      });

  /** The pattern-matching operators on text, or null for another operator or other types. */
  static Resolved operator(String op, RelDataType l, RelDataType r) {
    boolean regex = op.equals("~") || op.equals("~*") || op.equals("!~") || op.equals("!~*");
    boolean like = op.equals("~~") || op.equals("~~*") || op.equals("!~~") || op.equals("!~~*");
    if (!regex && !like) {
      return null;
    }
    if (!text(l) || !text(r)) {
      return null;
    }
    boolean negated = op.startsWith("!");
    boolean icase = op.endsWith("*");
    PgFunction f = Operators.cached("textop" + op, () -> new PgFunction(op, true, a -> {
      String s = (String) a[0];
      String p = (String) a[1];
      boolean m = regex ? regex(p, icase ? "i" : "").matcher(s).find()
          : likePattern(p, '\\', icase).matcher(s).matches();
      return m != negated;
    }));
    return new Resolved(f, List.of(PgRelTypes.TEXT, PgRelTypes.TEXT), PgRelTypes.BOOL);
  }

  /** {@code s LIKE|ILIKE p ESCAPE e}. */
  public static PgFunction likeEscape(boolean ilike) {
    String name = ilike ? "~~* ESCAPE" : "~~ ESCAPE";
    return Operators.cached(name, () -> new PgFunction(name, true, a -> {
      String e = (String) a[2];
      if (e.codePointCount(0, e.length()) > 1) {
        throw new PgException("22025", "invalid escape string", null,
            "Escape string must be empty or one character.", 0, null);
      }
      return likePattern((String) a[1], e.isEmpty() ? -1 : e.codePointAt(0), ilike)
          .matcher((String) a[0]).matches();
    }));
  }

  /** {@code s SIMILAR TO p [ESCAPE e]}: the SQL pattern as a POSIX regex, anchored. */
  public static PgFunction similarTo(boolean escape) {
    String name = escape ? "SIMILAR TO ESCAPE" : "SIMILAR TO";
    return Operators.cached(name, () -> new PgFunction(name, true, a -> {
      int esc = '\\';
      if (escape) {
        String e = (String) a[2];
        if (e.codePointCount(0, e.length()) > 1) {
          throw new PgException("22025", "invalid escape string", null,
              "Escape string must be empty or one character.", 0, null);
        }
        esc = e.isEmpty() ? -1 : e.codePointAt(0);
      }
      return regex(similarToRegex((String) a[1], esc), "").matcher((String) a[0]).matches();
    }));
  }

  /** PostgreSQL's similar_escape: % and _ as wildcards, . and anchors literal, rest regex. */
  static String similarToRegex(String pattern, int escape) {
    StringBuilder re = new StringBuilder("^(?:");
    boolean inBracket = false;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == escape) {
        if (i >= pattern.length()) {
          throw new PgException("22025", "invalid escape string", null,
              "Escape string must be empty or one character.", 0, null);
        }
        int next = pattern.codePointAt(i);
        i += Character.charCount(next);
        re.append('\\').appendCodePoint(next);
      } else if (inBracket) {
        if (c == ']') {
          inBracket = false;
        }
        re.appendCodePoint(c);
      } else if (c == '[') {
        inBracket = true;
        re.append('[');
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else if (c == '.' || c == '^' || c == '$' || c == '\\') {
        re.append('\\').appendCodePoint(c);
      } else {
        re.appendCodePoint(c);
      }
    }
    return re.append(")$").toString();
  }

  private static boolean text(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknown(t);
  }

  /** A LIKE pattern as a Java regex; {@code escape} -1 for none. */
  static Pattern likePattern(String pattern, int escape, boolean icase) {
    String key = "like" + (icase ? "i" : "") + escape + ":" + pattern;
    Pattern cached = PATTERNS.get(key);
    if (cached != null) {
      return cached;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == escape) {
        if (i >= pattern.length()) {
          re.append("(?!)");
          break;
        }
        int next = pattern.codePointAt(i);
        i += Character.charCount(next);
        re.append(Pattern.quote(new String(Character.toChars(next))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(new String(Character.toChars(c))));
      }
    }
    int flags = Pattern.DOTALL | (icase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    Pattern p = Pattern.compile(re.toString(), flags);
    PATTERNS.put(key, p);
    return p;
  }

  /**
   * A POSIX (ARE) regular expression as a Java one: bracket classes {@code [[:alpha:]]}, word
   * boundaries {@code \m \M \y \Y}, and flags i (case-insensitive), c, n (newline-sensitive), x
   * (expanded), g (global, read by the caller). Invalid ones are 2201B.
   */
  static Pattern regex(String pattern, String flags) {
    String key = "re" + flags + ":" + pattern;
    Pattern cached = PATTERNS.get(key);
    if (cached != null) {
      return cached;
    }
    int f = 0;
    for (char c : flags.toCharArray()) {
      switch (c) {
        case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'c', 'g' -> f &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case 'n' -> f |= Pattern.MULTILINE;
        case 'x' -> f |= Pattern.COMMENTS;
        default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
            "invalid regular expression option: \"" + c + "\"");
      }
    }
    if ((f & Pattern.MULTILINE) == 0) {
      f |= Pattern.DOTALL;
    }
    try {
      Pattern p = Pattern.compile(translate(pattern), f);
      PATTERNS.put(key, p);
      return p;
    } catch (PatternSyntaxException e) {
      throw new PgException("2201B", "invalid regular expression: " + reason(e));
    }
  }

  private static String reason(PatternSyntaxException e) {
    String d = e.getDescription();
    if (d.contains("Unclosed group") || d.contains("Unmatched closing ')'")) {
      return "parentheses () not balanced";
    }
    if (d.contains("Unclosed character class")) {
      return "brackets [] not balanced";
    }
    if (d.contains("Dangling meta character")) {
      return "quantifier operand invalid";
    }
    return d;
  }

  private static String translate(String p) {
    StringBuilder out = new StringBuilder(p.length() + 8);
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        char n = p.charAt(i + 1);
        switch (n) {
          case 'm' -> out.append("\\b(?=\\w)");
          case 'M' -> out.append("\\b(?<=\\w)");
          case 'y' -> out.append("\\b");
          case 'Y' -> out.append("\\B");
          default -> out.append(c).append(n);
        }
        i++;
      } else if (c == '[' && p.startsWith("[:", i)) {
        int end = p.indexOf(":]", i + 2);
        if (end < 0) {
          out.append(c);
          continue;
        }
        String cls = p.substring(i + 2, end);
        out.append(switch (cls) {
          case "alpha" -> "\\p{Alpha}";
          case "digit" -> "\\p{Digit}";
          case "alnum" -> "\\p{Alnum}";
          case "upper" -> "\\p{Upper}";
          case "lower" -> "\\p{Lower}";
          case "space" -> "\\s";
          case "punct" -> "\\p{Punct}";
          case "xdigit" -> "\\p{XDigit}";
          case "word" -> "\\w";
          case "blank" -> "\\p{Blank}";
          case "cntrl" -> "\\p{Cntrl}";
          case "print" -> "\\p{Print}";
          case "graph" -> "\\p{Graph}";
          default -> throw new PgException("2201B", "invalid regular expression: invalid character class");
        });
        i = end + 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Resolves a string function, or null when {@code name} is none of ours for these types. */
  static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    switch (name) {
      case "substring", "substr" -> {
        boolean regexForm = n == 2 && name.equals("substring") && PgRelTypes.isText(args.get(1));
        if ((n == 2 || n == 3) && !regexForm && text(args.get(0)) && intLike(args.get(1))
            && (n == 2 || intLike(args.get(2)))) {
          return fn(name + n, n == 2 ? List.of(T, I) : List.of(T, I, I), PgRelTypes.TEXT,
              a -> substring((String) a[0], (Integer) a[1], n == 3 ? (Integer) a[2] : null));
        }
        if (n == 2 && text(args.get(0)) && text(args.get(1)) && name.equals("substring")) {
          return fn("substring_re", List.of(T, T), PgRelTypes.TEXT, a -> {
            Matcher m = regex((String) a[1], "").matcher((String) a[0]);
            if (!m.find()) {
              return null;
            }
            return m.groupCount() > 0 ? m.group(1) : m.group();
          });
        }
        return null;
      }
      case "position", "strpos" -> {
        if (n == 2 && text(args.get(0)) && text(args.get(1))) {
          boolean position = name.equals("position");
          return fn(name, List.of(T, T), PgRelTypes.INT4, a -> {
            String s = (String) a[position ? 1 : 0];
            String sub = (String) a[position ? 0 : 1];
            int at = s.indexOf(sub);
            return at < 0 ? 0 : s.codePointCount(0, at) + 1;
          });
        }
        return null;
      }
      case "concat", "concat_ws" -> {
        boolean ws = name.equals("concat_ws");
        if (n == 0 || ws && n == 1) {
          return null;
        }
        List<RelDataType> types = new ArrayList<>();
        List<PgType> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          RelDataType t = Operators.isUnknown(args.get(i)) || ws && i == 0 ? PgRelTypes.TEXT : args.get(i);
          types.add(t);
          outputs.add(PgRelTypes.pg(t));
        }
        return new Resolved(new PgFunction(name, false, a -> {
          if (ws && a[0] == null) {
            return null;
          }
          StringBuilder out = new StringBuilder();
          boolean first = true;
          for (int i = ws ? 1 : 0; i < a.length; i++) {
            if (a[i] == null) {
              continue;
            }
            if (ws && !first) {
              out.append((String) a[0]);
            }
            out.append(outputs.get(i) == null ? a[i].toString() : outputs.get(i).encodeText(a[i]));
            first = false;
          }
          return out.toString();
        }), types, PgRelTypes.TEXT);
      }
      case "btrim", "ltrim", "rtrim" -> {
        if ((n == 1 || n == 2) && text(args.get(0)) && (n == 1 || text(args.get(1)))) {
          return fn(name + n, n == 1 ? List.of(T) : List.of(T, T), PgRelTypes.TEXT,
              a -> trim((String) a[0], n == 1 ? " " : (String) a[1], !name.equals("rtrim"), !name.equals("ltrim")));
        }
        return null;
      }
      case "replace" -> {
        return n == 3 && text(args.get(0)) && text(args.get(1)) && text(args.get(2))
            ? fn(name, List.of(T, T, T), PgRelTypes.TEXT, a -> ((String) a[1]).isEmpty() ? a[0]
                : ((String) a[0]).replace((String) a[1], (String) a[2])) : null;
      }
      case "split_part" -> {
        return n == 3 && text(args.get(0)) && text(args.get(1)) && intLike(args.get(2))
            ? fn(name, List.of(T, T, I), PgRelTypes.TEXT,
                a -> splitPart((String) a[0], (String) a[1], (Integer) a[2])) : null;
      }
      case "left", "right" -> {
        boolean left = name.equals("left");
        return n == 2 && text(args.get(0)) && intLike(args.get(1))
            ? fn(name, List.of(T, I), PgRelTypes.TEXT, a -> leftRight((String) a[0], (Integer) a[1], left))
            : null;
      }
      case "starts_with" -> {
        return n == 2 && text(args.get(0)) && text(args.get(1))
            ? fn(name, List.of(T, T), PgRelTypes.BOOL, a -> ((String) a[0]).startsWith((String) a[1])) : null;
      }
      case "reverse" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.TEXT,
            a -> new StringBuilder((String) a[0]).reverse().toString()) : null;
      }
      case "repeat" -> {
        return n == 2 && text(args.get(0)) && intLike(args.get(1)) ? fn(name, List.of(T, I), PgRelTypes.TEXT,
            a -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1]))) : null;
      }
      case "lpad", "rpad" -> {
        if ((n == 2 || n == 3) && text(args.get(0)) && intLike(args.get(1)) && (n == 2 || text(args.get(2)))) {
          boolean left = name.equals("lpad");
          return fn(name + n, n == 2 ? List.of(T, I) : List.of(T, I, T), PgRelTypes.TEXT,
              a -> pad((String) a[0], (Integer) a[1], n == 2 ? " " : (String) a[2], left));
        }
        return null;
      }
      case "initcap" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.TEXT, a -> initcap((String) a[0])) : null;
      }
      case "md5" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.TEXT, a -> md5((String) a[0])) : null;
      }
      case "chr" -> {
        return n == 1 && intLike(args.get(0)) ? fn(name, List.of(I), PgRelTypes.TEXT, a -> {
          int cp = (Integer) a[0];
          if (cp == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "null character not permitted");
          }
          if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            throw new PgException("54000", "requested character too large for encoding: " + cp);
          }
          return new String(Character.toChars(cp));
        }) : null;
      }
      case "ascii" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.INT4,
            a -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0)) : null;
      }
      case "octet_length" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.INT4,
            a -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length) : null;
      }
      case "translate" -> {
        return n == 3 && text(args.get(0)) && text(args.get(1)) && text(args.get(2))
            ? fn(name, List.of(T, T, T), PgRelTypes.TEXT, a -> translate((String) a[0], (String) a[1], (String) a[2]))
            : null;
      }
      case "quote_ident" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.TEXT, a -> quoteIdent((String) a[0])) : null;
      }
      case "quote_literal" -> {
        return n == 1 && text(args.get(0)) ? fn(name, List.of(T), PgRelTypes.TEXT, a -> quoteLiteral((String) a[0])) : null;
      }
      case "to_hex" -> {
        int rank = n == 1 ? PgRelTypes.numericRank(args.get(0)) : -1;
        return rank >= 0 && rank <= 2 ? fn("to_hex" + rank, List.of(rank == 2 ? PgRelTypes.INT8 : I), PgRelTypes.TEXT,
            a -> a[0] instanceof Long l ? Long.toHexString(l) : Integer.toHexString((Integer) a[0])) : null;
      }
      case "regexp_replace" -> {
        if ((n == 3 || n == 4) && text(args.get(0)) && text(args.get(1)) && text(args.get(2)) && (n == 3 || text(args.get(3)))) {
          return fn(name + n, n == 3 ? List.of(T, T, T) : List.of(T, T, T, T), PgRelTypes.TEXT,
              a -> regexpReplace((String) a[0], (String) a[1], (String) a[2], n == 4 ? (String) a[3] : ""));
        }
        return null;
      }
      case "regexp_match" -> {
        if ((n == 2 || n == 3) && text(args.get(0)) && text(args.get(1)) && (n == 2 || text(args.get(2)))) {
          return fn(name + n, n == 2 ? List.of(T, T) : List.of(T, T, T), PgRelTypes.arrayOf(PgRelTypes.TEXT),
              a -> regexpMatch((String) a[0], (String) a[1], n == 3 ? (String) a[2] : ""));
        }
        return null;
      }
      case "regexp_like" -> {
        if ((n == 2 || n == 3) && text(args.get(0)) && text(args.get(1)) && (n == 2 || text(args.get(2)))) {
          return fn(name + n, n == 2 ? List.of(T, T) : List.of(T, T, T), PgRelTypes.BOOL,
              a -> regex((String) a[1], n == 3 ? (String) a[2] : "").matcher((String) a[0]).find());
        }
        return null;
      }
      case "format" -> {
        if (n == 0 || !text(args.get(0))) {
          return null;
        }
        List<RelDataType> types = new ArrayList<>();
        List<PgType> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          RelDataType t = Operators.isUnknown(args.get(i)) ? PgRelTypes.TEXT : args.get(i);
          types.add(t);
          outputs.add(PgRelTypes.pg(t));
        }
        return new Resolved(new PgFunction(name, false, a -> {
          if (a[0] == null) {
            return null;
          }
          String[] values = new String[a.length - 1];
          for (int i = 1; i < a.length; i++) {
            values[i - 1] = a[i] == null ? null
                : outputs.get(i) == null ? a[i].toString() : outputs.get(i).encodeText(a[i]);
          }
          return Format.format((String) a[0], values);
        }), types, PgRelTypes.TEXT);
      }
      default -> {
        return null;
      }
    }
  }

  private static final RelDataType T = PgRelTypes.TEXT;
  private static final RelDataType I = PgRelTypes.INT4;

  private static Resolved fn(String key, List<RelDataType> types, RelDataType result, PgFunction.Impl impl) {
    String name = key.replaceAll("\\d+$", "").replace("_re", "");
    return new Resolved(Operators.cached("text:" + key, () -> new PgFunction(name, true, impl)), types, result);
  }

  private static boolean intLike(RelDataType t) {
    return ArrayFunctions.intLike(t);
  }

  /** PostgreSQL's substring(s, start [, count]): characters, start may be before 1. */
  static String substring(String s, int start, Integer count) {
    if (count != null && count < 0) {
      throw new PgException("22011", "negative substring length not allowed");
    }
    int chars = s.codePointCount(0, s.length());
    long from = Math.max(start, 1);
    long to = count == null ? chars + 1L : Math.min((long) start + count, chars + 1L);
    if (from > chars || to <= from) {
      return "";
    }
    int b = s.offsetByCodePoints(0, (int) from - 1);
    int e = s.offsetByCodePoints(0, (int) to - 1);
    return s.substring(b, e);
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int b = 0;
    int e = s.length();
    while (leading && b < e && chars.indexOf(s.codePointAt(b)) >= 0) {
      b += Character.charCount(s.codePointAt(b));
    }
    while (trailing && e > b && chars.indexOf(s.codePointBefore(e)) >= 0) {
      e -= Character.charCount(s.codePointBefore(e));
    }
    return s.substring(b, e);
  }

  static String splitPart(String s, String delimiter, int field) {
    if (field == 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
    }
    List<String> parts = new ArrayList<>();
    if (delimiter.isEmpty()) {
      parts.add(s);
    } else if (!s.isEmpty()) {
      int from = 0;
      while (true) {
        int at = s.indexOf(delimiter, from);
        parts.add(s.substring(from, at < 0 ? s.length() : at));
        if (at < 0) {
          break;
        }
        from = at + delimiter.length();
      }
    }
    int i = field > 0 ? field - 1 : parts.size() + field;
    return i >= 0 && i < parts.size() ? parts.get(i) : "";
  }

  static String leftRight(String s, int n, boolean left) {
    int chars = s.codePointCount(0, s.length());
    int keep = n >= 0 ? Math.min(n, chars) : Math.max(0, chars + n);
    return left ? s.substring(0, s.offsetByCodePoints(0, keep))
        : s.substring(s.offsetByCodePoints(0, chars - keep));
  }

  static String pad(String s, int length, String fill, boolean left) {
    int chars = s.codePointCount(0, s.length());
    if (length <= 0) {
      return "";
    }
    if (chars >= length) {
      return s.substring(0, s.offsetByCodePoints(0, length));
    }
    if (fill.isEmpty()) {
      return s;
    }
    StringBuilder p = new StringBuilder();
    int need = length - chars;
    int[] cps = fill.codePoints().toArray();
    for (int i = 0; i < need; i++) {
      p.appendCodePoint(cps[i % cps.length]);
    }
    return left ? p + s : s + p;
  }

  static String initcap(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      out.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
      inWord = Character.isLetterOrDigit(cp);
    }
    return out.toString();
  }

  static String md5(String s) {
    return md5(s.getBytes(StandardCharsets.UTF_8));
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String translate(String s, String from, String to) {
    int[] f = from.codePoints().toArray();
    int[] t = to.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> {
      for (int i = 0; i < f.length; i++) {
        if (f[i] == cp) {
          if (i < t.length) {
            out.appendCodePoint(t[i]);
          }
          return;
        }
      }
      out.appendCodePoint(cp);
    });
    return out.toString();
  }

  /** quote_ident: quoted unless all lower-case letters, digits and underscores (not first digit). */
  static String quoteIdent(String s) {
    boolean safe = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_');
    for (int i = 0; i < s.length() && safe; i++) {
      char c = s.charAt(i);
      safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (safe && !Keywords.isReserved(s)) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String quoteLiteral(String s) {
    String body = s.replace("'", "''");
    if (s.indexOf('\\') >= 0) {
      return "E'" + body.replace("\\", "\\\\") + "'";
    }
    return "'" + body + "'";
  }

  static String regexpReplace(String s, String pattern, String replacement, String flags) {
    boolean global = flags.indexOf('g') >= 0;
    Matcher m = regex(pattern, flags).matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(s, last, m.start());
      for (int i = 0; i < replacement.length(); i++) {
        char c = replacement.charAt(i);
        if (c == '\\' && i + 1 < replacement.length()) {
          char n = replacement.charAt(i + 1);
          if (n >= '1' && n <= '9') {
            int g = n - '0';
            if (g <= m.groupCount() && m.group(g) != null) {
              out.append(m.group(g));
            }
            i++;
            continue;
          }
          if (n == '&') {
            out.append(m.group());
            i++;
            continue;
          }
          if (n == '\\') {
            out.append('\\');
            i++;
            continue;
          }
        }
        out.append(c);
      }
      last = m.end();
      if (!global) {
        break;
      }
    }
    out.append(s, last, s.length());
    return out.toString();
  }

  static Object[] regexpMatch(String s, String pattern, String flags) {
    if (flags.indexOf('g') >= 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "regexp_match() does not support the \"global\" option", null,
          "Use the regexp_matches function instead.", 0, null);
    }
    Matcher m = regex(pattern, flags).matcher(s);
    if (!m.find()) {
      return null;
    }
    if (m.groupCount() == 0) {
      return new Object[] {m.group()};
    }
    Object[] out = new Object[m.groupCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.group(i + 1);
    }
    return out;
  }

  /** PostgreSQL's format(): %s, %I, %L, %%, with optional {@code n$} positions and widths. */
  static final class Format {
    private Format() {}

    static String format(String f, String[] args) {
      StringBuilder out = new StringBuilder();
      int next = 0;
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        if (c != '%') {
          out.append(c);
          continue;
        }
        if (++i >= f.length()) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier",
              null, "For a single \"%\" use \"%%\".", 0, null);
        }
        if (f.charAt(i) == '%') {
          out.append('%');
          continue;
        }
        int start = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          i++;
        }
        int arg = next;
        if (i < f.length() && f.charAt(i) == '$' && i > start) {
          arg = Integer.parseInt(f.substring(start, i)) - 1;
          i++;
          start = i;
        } else {
          i = start;
        }
        boolean minus = false;
        if (i < f.length() && f.charAt(i) == '-') {
          minus = true;
          i++;
        }
        int ws = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          i++;
        }
        int width = i > ws ? Integer.parseInt(f.substring(ws, i)) : 0;
        if (i >= f.length()) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier",
              null, "For a single \"%\" use \"%%\".", 0, null);
        }
        char type = f.charAt(i);
        if (arg >= args.length) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
        }
        String v = args[arg];
        next = arg + 1;
        String s = switch (type) {
          case 's' -> v == null ? "" : v;
          case 'I' -> {
            if (v == null) {
              throw new PgException("22004", "null values cannot be formatted as an SQL identifier");
            }
            yield quoteIdent(v);
          }
          case 'L' -> v == null ? "NULL" : quoteLiteral(v);
          default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
              "unrecognized format() type specifier \"" + type + "\"", null,
              "For a single \"%\" use \"%%\".", 0, null);
        };
        int pad = width - s.codePointCount(0, s.length());
        if (pad > 0 && minus) {
          s = s + " ".repeat(pad);
        } else if (pad > 0) {
          s = " ".repeat(pad) + s;
        }
        out.append(s);
      }
      return out.toString();
    }
  }

  /** The reserved words quote_ident must quote (PostgreSQL's RESERVED_KEYWORD list). */
  static final class Keywords {
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both",
        "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
        "current_date", "current_role", "current_time", "current_timestamp", "current_user",
        "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
        "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially",
        "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
        "returning", "select", "session_user", "some", "symmetric", "table", "then", "to",
        "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with");

    private Keywords() {}

    static boolean isReserved(String word) {
      return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }
  }
}
