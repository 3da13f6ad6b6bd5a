package io.s3vector.sql.functions;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * {@code to_char(timestamp, format)}: PostgreSQL's template patterns for dates and times (YYYY,
 * MM, DD, HH24, HH12, MI, SS, MS, US, AM/PM, Month/MONTH/month, Mon, Day, Dy, DDD, D, Q, IW, TZ,
 * the FM prefix and "quoted text"); other characters are copied.
 */
final class ToChar {
  private ToChar() {}

  /** Patterns, longest first where one is a prefix of another. */
  private static final String[] PATTERNS = {"YYYY", "YYY", "YY", "HH24", "HH12", "HH", "MI", "MS",
      "US", "SS", "AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m.", "MONTH", "Month",
      "month", "MON", "Mon", "mon", "MM", "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "DD", "D",
      "IW", "Q", "TZ", "tz", "Y"};

  static String format(LocalDateTime t, String template, boolean withZone) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      boolean fm = template.startsWith("FM", i) || template.startsWith("fm", i);
      if (fm) {
        i += 2;
      }
      if (i < template.length() && template.charAt(i) == '"') {
        int end = template.indexOf('"', i + 1);
        end = end < 0 ? template.length() : end;
        out.append(template, i + 1, end);
        i = end + 1;
        continue;
      }
      String pattern = null;
      for (String p : PATTERNS) {
        if (template.startsWith(p, i)) {
          pattern = p;
          break;
        }
      }
      if (pattern == null) {
        if (i < template.length()) {
          out.append(template.charAt(i));
        }
        i++;
        continue;
      }
      out.append(field(t, pattern, fm, withZone));
      i += pattern.length();
    }
    return out.toString();
  }

  private static String field(LocalDateTime t, String p, boolean fm, boolean withZone) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    boolean pm = t.getHour() >= 12;
    return switch (p) {
      case "YYYY" -> pad(t.getYear(), 4, fm);
      case "YYY" -> pad(t.getYear() % 1000, 3, fm);
      case "YY" -> pad(t.getYear() % 100, 2, fm);
      case "Y" -> Integer.toString(t.getYear() % 10);
      case "HH24" -> pad(t.getHour(), 2, fm);
      case "HH12", "HH" -> pad(hour12, 2, fm);
      case "MI" -> pad(t.getMinute(), 2, fm);
      case "SS" -> pad(t.getSecond(), 2, fm);
      case "MS" -> pad(t.getNano() / 1_000_000, 3, fm);
      case "US" -> pad(t.getNano() / 1000, 6, fm);
      case "AM", "PM" -> pm ? "PM" : "AM";
      case "am", "pm" -> pm ? "pm" : "am";
      case "A.M.", "P.M." -> pm ? "P.M." : "A.M.";
      case "a.m.", "p.m." -> pm ? "p.m." : "a.m.";
      case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm);
      case "MON", "Mon", "mon" -> name(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, true);
      case "MM" -> pad(t.getMonthValue(), 2, fm);
      case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), p, fm);
      case "DY", "Dy", "dy" -> name(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), p, true);
      case "DDD" -> pad(t.getDayOfYear(), 3, fm);
      case "DD" -> pad(t.getDayOfMonth(), 2, fm);
      case "D" -> Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
      case "IW" -> pad(t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
      case "Q" -> Integer.toString((t.getMonthValue() - 1) / 3 + 1);
      case "TZ" -> withZone ? "UTC" : "";
      case "tz" -> withZone ? "utc" : "";
      default -> p;
    };
  }

  private static String pad(int value, int width, boolean fm) {
    String s = Integer.toString(value);
    return fm || s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** A month or day name in the pattern's case, blank-padded to 9 unless FM. */
  private static String name(String english, String pattern, boolean fm) {
    String s = Character.isUpperCase(pattern.charAt(1)) ? english.toUpperCase(Locale.ROOT)
        : Character.isUpperCase(pattern.charAt(0)) ? english : english.toLowerCase(Locale.ROOT);
    return fm || s.length() >= 9 ? s : s + " ".repeat(9 - s.length());
  }
}
