package io.s3vector.sql.functions;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgInterval;
import io.s3vector.sql.types.PgTypes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * PostgreSQL's arithmetic of dates ({@code date ± integer}, {@code date - date}, {@code date ±
 * interval}) and of {@code interval} with timestamps and numbers: {@code timestamp[tz]
 * ± interval}, {@code interval + timestamp[tz]}, {@code timestamp[tz] - timestamp[tz]}, {@code
 * interval ± interval}, {@code interval * number}, {@code number * interval}, {@code interval /
 * number}. Timestamps with time zone are computed in the session time zone (UTC).
 */
final class DateTimeOperators {
  private static final RelDataType I = PgRelTypes.INTERVAL;

  private DateTimeOperators() {}

  static boolean interval(RelDataType t) {
    return PgRelTypes.pg(t) == PgTypes.INTERVAL;
  }

  private static boolean timestamp(RelDataType t) {
    return PgRelTypes.pg(t) == PgTypes.TIMESTAMP;
  }

  private static boolean timestamptz(RelDataType t) {
    return PgRelTypes.pg(t) == PgTypes.TIMESTAMPTZ;
  }

  private static boolean date(RelDataType t) {
    return PgRelTypes.pg(t) == PgTypes.DATE;
  }

  private static boolean integer(RelDataType t) {
    int rank = PgRelTypes.numericRank(t);
    return rank >= 0 && rank <= 1;
  }

  /** The operator over an interval or a date (or a difference of timestamps), or null. */
  static Resolved operator(String op, RelDataType l, RelDataType r) {
    boolean li = interval(l);
    boolean ri = interval(r);
    RelDataType d = PgRelTypes.DATE;
    RelDataType int4 = PgRelTypes.INT4;
    switch (op) {
      case "AT TIME ZONE" -> {
        return atTimeZone(l, r);
      }
      case "+" -> {
        if (date(l) && integer(r)) {
          return fn("date_pli", List.of(d, int4), d,
              a -> ((java.time.LocalDate) a[0]).plusDays((Integer) a[1]));
        }
        if (integer(l) && date(r)) {
          return fn("integer_pl_date", List.of(int4, d), d,
              a -> ((java.time.LocalDate) a[1]).plusDays((Integer) a[0]));
        }
        if (date(l) && ri) {
          return fn("date_pl_interval", List.of(d, I), PgRelTypes.TIMESTAMP,
              a -> ((PgInterval) a[1]).addTo(((java.time.LocalDate) a[0]).atStartOfDay()));
        }
        if (li && ri) {
          return fn("interval_pl", List.of(I, I), I, a -> ((PgInterval) a[0]).plus((PgInterval) a[1]));
        }
        if ((timestamp(l) || timestamptz(l)) && ri) {
          return shift(l, false, false);
        }
        if (li && (timestamp(r) || timestamptz(r))) {
          return shift(r, false, true);
        }
      }
      case "-" -> {
        if (date(l) && integer(r)) {
          return fn("date_mii", List.of(d, int4), d,
              a -> ((java.time.LocalDate) a[0]).minusDays((Integer) a[1]));
        }
        if (date(l) && date(r)) {
          return fn("date_mi", List.of(d, d), int4, a -> (int) (((java.time.LocalDate) a[0]).toEpochDay()
              - ((java.time.LocalDate) a[1]).toEpochDay()));
        }
        if (date(l) && ri) {
          return fn("date_mi_interval", List.of(d, I), PgRelTypes.TIMESTAMP,
              a -> ((PgInterval) a[1]).negate().addTo(((java.time.LocalDate) a[0]).atStartOfDay()));
        }
        if (li && ri) {
          return fn("interval_mi", List.of(I, I), I,
              a -> ((PgInterval) a[0]).plus(((PgInterval) a[1]).negate()));
        }
        if ((timestamp(l) || timestamptz(l)) && ri) {
          return shift(l, true, false);
        }
        if (timestamp(l) && timestamp(r)) {
          return fn("timestamp_mi", List.of(l, r), I,
              a -> PgInterval.between((LocalDateTime) a[0], (LocalDateTime) a[1]));
        }
        if ((timestamp(l) || timestamptz(l)) && (timestamp(r) || timestamptz(r))) {
          RelDataType tz = PgRelTypes.TIMESTAMPTZ;
          return fn("timestamptz_mi", List.of(tz, tz), I, a -> PgInterval.between(
              LocalDateTime.ofInstant((Instant) a[0], ZoneOffset.UTC),
              LocalDateTime.ofInstant((Instant) a[1], ZoneOffset.UTC)));
        }
      }
      case "*" -> {
        if (li && PgRelTypes.numericRank(r) >= 0) {
          return fn("interval_mul", List.of(I, PgRelTypes.FLOAT8), I,
              a -> ((PgInterval) a[0]).times((Double) a[1]));
        }
        if (ri && PgRelTypes.numericRank(l) >= 0) {
          return fn("mul_d_interval", List.of(PgRelTypes.FLOAT8, I), I,
              a -> ((PgInterval) a[1]).times((Double) a[0]));
        }
      }
      case "/" -> {
        if (li && PgRelTypes.numericRank(r) >= 0) {
          return fn("interval_div", List.of(I, PgRelTypes.FLOAT8), I, a -> {
            double by = (Double) a[1];
            if (by == 0) {
              throw Operators.divisionByZero();
            }
            return ((PgInterval) a[0]).times(1 / by);
          });
        }
      }
      default -> { }
    }
    return null;
  }

  /**
   * {@code timestamptz AT TIME ZONE zone}: the wall-clock time there (timestamp); {@code timestamp
   * AT TIME ZONE zone}: that wall-clock time there as an instant (timestamptz).
   */
  static Resolved atTimeZone(RelDataType ts, RelDataType zone) {
    if (!(PgRelTypes.isText(zone) || Operators.isUnknown(zone))) {
      return null;
    }
    RelDataType text = PgRelTypes.TEXT;
    if (timestamptz(ts)) {
      return fn("timezone_tz", List.of(PgRelTypes.TIMESTAMPTZ, text), PgRelTypes.TIMESTAMP,
          a -> LocalDateTime.ofInstant((Instant) a[0], zone((String) a[1])));
    }
    if (timestamp(ts) || PgRelTypes.pg(ts) == PgTypes.DATE) {
      return fn("timezone_ts", List.of(PgRelTypes.TIMESTAMP, text), PgRelTypes.TIMESTAMPTZ,
          a -> ((LocalDateTime) a[0]).atZone(zone((String) a[1])).toInstant());
    }
    return null;
  }

  /**
   * A time zone name as PostgreSQL reads it: a zone of the tz database ({@code Europe/Berlin}),
   * UTC/GMT/Z in any case, or a POSIX offset, whose sign is west of Greenwich ({@code '+02'} is
   * two hours behind UTC).
   */
  static java.time.ZoneId zone(String name) {
    String n = name.trim();
    if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("gmt") || n.equalsIgnoreCase("z")
        || n.equalsIgnoreCase("zulu")) {
      return ZoneOffset.UTC;
    }
    java.util.regex.Matcher posix =
        java.util.regex.Pattern.compile("([+-]?)(\\d{1,2})(?::(\\d{2}))?").matcher(n);
    if (posix.matches()) {
      int seconds = Integer.parseInt(posix.group(2)) * 3600
          + (posix.group(3) == null ? 0 : Integer.parseInt(posix.group(3)) * 60);
      return ZoneOffset.ofTotalSeconds(posix.group(1).equals("-") ? seconds : -seconds);
    }
    try {
      return java.time.ZoneId.of(n);
    } catch (java.time.DateTimeException e) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.INVALID_PARAMETER_VALUE,
          "time zone \"" + name + "\" not recognized");
    }
  }

  /** {@code ts ± interval} ({@code intervalFirst}: {@code interval + ts}). */
  private static Resolved shift(RelDataType ts, boolean minus, boolean intervalFirst) {
    boolean tz = timestamptz(ts);
    RelDataType t = tz ? PgRelTypes.TIMESTAMPTZ : PgRelTypes.TIMESTAMP;
    String name = (tz ? "timestamptz" : "timestamp") + (minus ? "_mi_interval" : "_pl_interval")
        + (intervalFirst ? "_r" : "");
    return fn(name, intervalFirst ? List.of(I, t) : List.of(t, I), t, a -> {
      PgInterval i = (PgInterval) a[intervalFirst ? 0 : 1];
      Object v = a[intervalFirst ? 1 : 0];
      PgInterval by = minus ? i.negate() : i;
      return tz ? by.addTo((Instant) v) : by.addTo((LocalDateTime) v);
    });
  }

  private static Resolved fn(String name, List<RelDataType> types, RelDataType result,
      PgFunction.Impl impl) {
    return new Resolved(Operators.cached("interval:" + name,
        () -> new PgFunction(name, true, impl)), types, result);
  }
}
