package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A value of {@code interval}: months, days and microseconds kept apart, as PostgreSQL keeps them
 * (a month is not a fixed number of days, nor a day of hours across a time zone change). Ordered
 * as interval_cmp orders them: by 30-day months and 24-hour days.
 */
public record PgInterval(int months, int days, long micros) implements Comparable<PgInterval> {
  static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long MICROS_PER_HOUR = 3_600_000_000L;
  private static final long MICROS_PER_MINUTE = 60_000_000L;

  /** The span interval_cmp compares: months as 30 days, days as 24 hours. */
  private BigDecimal span() {
    return BigDecimal.valueOf(months * 30L + days).multiply(BigDecimal.valueOf(MICROS_PER_DAY))
        .add(BigDecimal.valueOf(micros));
  }

  @Override
  public int compareTo(PgInterval o) {
    return span().compareTo(o.span());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PgInterval i && compareTo(i) == 0; // interval_eq: '1 mon' = '30 days'
  }

  @Override
  public int hashCode() {
    return span().hashCode();
  }

  public PgInterval plus(PgInterval o) {
    return new PgInterval(Math.addExact(months, o.months), Math.addExact(days, o.days),
        Math.addExact(micros, o.micros));
  }

  public PgInterval negate() {
    return new PgInterval(Math.negateExact(months), Math.negateExact(days), Math.negateExact(micros));
  }

  /**
   * interval_mul: each field times {@code factor}, the fractions of months and days carried down
   * (a month as 30 days, a day as 24 hours).
   */
  public PgInterval times(double factor) {
    if (Double.isNaN(factor) || Double.isInfinite(factor)) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range");
    }
    double m = months * factor;
    int wholeMonths = (int) m;
    double d = days * factor + (m - wholeMonths) * 30;
    int wholeDays = (int) d;
    double us = micros * factor + (d - wholeDays) * MICROS_PER_DAY;
    return new PgInterval(wholeMonths, wholeDays, Math.round(us));
  }

  /** {@code t + this}: months, then days, then microseconds, as timestamp_pl_interval. */
  public LocalDateTime addTo(LocalDateTime t) {
    return t.plusMonths(months).plusDays(days).plusNanos(micros * 1000);
  }

  /** {@code t + this} for timestamptz, in the session time zone (UTC). */
  public Instant addTo(Instant t) {
    return addTo(LocalDateTime.ofInstant(t, ZoneOffset.UTC)).toInstant(ZoneOffset.UTC);
  }

  /** timestamp_mi: {@code a - b} as days and microseconds (interval_justify_hours). */
  public static PgInterval between(LocalDateTime a, LocalDateTime b) {
    long us = java.time.temporal.ChronoUnit.MICROS.between(b, a);
    return new PgInterval(0, (int) (us / MICROS_PER_DAY), us % MICROS_PER_DAY);
  }

  /** PostgreSQL's output in IntervalStyle postgres: {@code 1 year 2 mons -3 days +04:05:06.5}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    boolean[] state = {true, false}; // is_zero, is_before
    part(out, months / 12, "year", state);
    part(out, months % 12, "mon", state);
    part(out, days, "day", state);
    if (state[0] || micros != 0) {
      boolean minus = micros < 0;
      long abs = Math.abs(micros);
      long hours = abs / MICROS_PER_HOUR;
      long minutes = (abs % MICROS_PER_HOUR) / MICROS_PER_MINUTE;
      long us = abs % MICROS_PER_MINUTE;
      out.append(state[0] ? "" : " ").append(minus ? "-" : state[1] ? "+" : "")
          .append(String.format(Locale.ROOT, "%02d:%02d:%02d", hours, minutes, us / 1_000_000));
      long fraction = us % 1_000_000;
      if (fraction != 0) {
        String digits = String.format(Locale.ROOT, "%06d", fraction);
        out.append('.').append(digits.replaceAll("0+$", ""));
      }
    }
    return out.toString();
  }

  private static void part(StringBuilder out, int value, String unit, boolean[] state) {
    if (value == 0) {
      return;
    }
    out.append(state[0] ? "" : " ").append(state[1] && value > 0 ? "+" : "").append(value)
        .append(' ').append(unit).append(value != 1 ? "s" : "");
    state[1] = value < 0;
    state[0] = false;
  }

  /**
   * interval_in for the forms applications write: {@code 1 day}, {@code 7 days 02:00},
   * {@code 1.5 hours}, {@code -2 weeks}, {@code 1 year 2 mons}, {@code @ 3 days ago},
   * {@code 01:02:03}, and ISO 8601 {@code P1Y2M3DT4H5M6S}; else 22007.
   */
  public static PgInterval parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return parseIso(text, s);
    }
    if (s.startsWith("@")) {
      s = s.substring(1).trim();
    }
    boolean ago = s.endsWith(" ago") || s.equals("ago");
    if (ago) {
      s = s.substring(0, s.length() - 3).trim();
    }
    Accumulator acc = new Accumulator(text);
    String[] tokens = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (tokens.length == 0) {
      throw invalid(text);
    }
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.contains(":")) {
        acc.time(t);
        continue;
      }
      // a number and its unit, written together ("3d") or apart ("3 days")
      int split = 0;
      while (split < t.length() && (Character.isDigit(t.charAt(split)) || "+-.".indexOf(t.charAt(split)) >= 0)) {
        split++;
      }
      String number = t.substring(0, split);
      String unit = t.substring(split);
      if (number.isEmpty()) {
        throw invalid(text);
      }
      if (unit.isEmpty()) {
        if (i + 1 < tokens.length && !tokens[i + 1].contains(":")
            && !Character.isDigit(tokens[i + 1].charAt(0)) && "+-.".indexOf(tokens[i + 1].charAt(0)) < 0) {
          unit = tokens[++i];
        } else {
          unit = "second"; // a bare number counts seconds
        }
      }
      acc.add(number, unit);
    }
    PgInterval v = acc.result();
    return ago ? v.negate() : v;
  }

  private static PgInterval parseIso(String text, String s) {
    Accumulator acc = new Accumulator(text);
    boolean time = false;
    int i = 1;
    while (i < s.length()) {
      if (s.charAt(i) == 't') {
        time = true;
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || "+-.".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      if (i == start || i >= s.length()) {
        throw invalid(text);
      }
      char unit = s.charAt(i++);
      acc.add(s.substring(start, i - 1), switch (unit) {
        case 'y' -> "year";
        case 'm' -> time ? "minute" : "month";
        case 'w' -> "week";
        case 'd' -> "day";
        case 'h' -> "hour";
        case 's' -> "second";
        default -> throw invalid(text);
      });
    }
    return acc.result();
  }

  static PgException invalid(String text) {
    return new PgException("22007", "invalid input syntax for type interval: \"" + text + "\"");
  }

  /** Sums the parts of an interval's text, carrying fractions down as interval_in does. */
  private static final class Accumulator {
    private final String text;
    private double months;
    private double days;
    private double micros;

    Accumulator(String text) {
      this.text = text;
    }

    void add(String number, String unit) {
      double v;
      try {
        v = Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      switch (unit) {
        case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> micros += v;
        case "millisecond", "milliseconds", "ms", "msec", "msecs" -> micros += v * 1000;
        case "second", "seconds", "s", "sec", "secs" -> micros += v * 1_000_000;
        case "minute", "minutes", "m", "min", "mins" -> micros += v * MICROS_PER_MINUTE;
        case "hour", "hours", "h", "hr", "hrs" -> micros += v * MICROS_PER_HOUR;
        case "day", "days", "d" -> days += v;
        case "week", "weeks", "w" -> days += v * 7;
        case "month", "months", "mon", "mons" -> months += v;
        case "year", "years", "y", "yr", "yrs" -> months += v * 12;
        case "decade", "decades" -> months += v * 120;
        case "century", "centuries" -> months += v * 1200;
        case "millennium", "millennia", "millenniums" -> months += v * 12000;
        default -> throw invalid(text);
      }
    }

    void time(String t) {
      boolean minus = t.startsWith("-");
      String[] parts = (minus || t.startsWith("+") ? t.substring(1) : t).split(":");
      if (parts.length < 2 || parts.length > 3) {
        throw invalid(text);
      }
      try {
        double us = Long.parseLong(parts[0]) * (double) MICROS_PER_HOUR
            + Long.parseLong(parts[1]) * (double) MICROS_PER_MINUTE
            + (parts.length == 3 ? Double.parseDouble(parts[2]) * 1_000_000 : 0);
        micros += minus ? -us : us;
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
    }

    PgInterval result() {
      int wholeMonths = (int) months;
      double d = days + (months - wholeMonths) * 30;
      int wholeDays = (int) d;
      double us = micros + (d - wholeDays) * MICROS_PER_DAY;
      return new PgInterval(wholeMonths, wholeDays,
          BigDecimal.valueOf(us).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }
  }
}
