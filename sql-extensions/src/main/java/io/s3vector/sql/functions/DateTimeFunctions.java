package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgInterval;
import io.s3vector.sql.types.PgTypes;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code date_part(field, source)} (double precision), {@code extract(field FROM source)}
 * (numeric, as PostgreSQL 14+) and {@code date_trunc(unit, source)} over timestamps, dates and
 * intervals; timestamps with time zone in the session time zone (UTC).
 */
final class DateTimeFunctions {
  private DateTimeFunctions() {}

  /** The internal name {@code extract(f FROM x)} is bound to (numeric result). */
  static final String EXTRACT = "extract";

  static Resolved resolve(String name, List<RelDataType> args) {
    if (name.equals("timezone") && args.size() == 2) {
      Resolved at = DateTimeOperators.atTimeZone(args.get(1), args.get(0));
      return at == null ? null : swapped(at);
    }
    if (name.equals("to_char") && args.size() == 2
        && (PgRelTypes.isText(args.get(1)) || Operators.isUnknown(args.get(1)))) {
      var pg = PgRelTypes.pg(args.get(0));
      if (pg == PgTypes.TIMESTAMP || pg == PgTypes.TIMESTAMPTZ || pg == PgTypes.DATE) {
        RelDataType source = pg == PgTypes.DATE ? PgRelTypes.TIMESTAMP : args.get(0);
        boolean zone = pg == PgTypes.TIMESTAMPTZ;
        return fn("to_char:" + (zone ? "tz" : "ts"), List.of(source, PgRelTypes.TEXT),
            PgRelTypes.TEXT, a -> ToChar.format(local(a[0]), (String) a[1], zone));
      }
      return null;
    }
    if (args.size() != 2 || !(PgRelTypes.isText(args.get(0)) || Operators.isUnknown(args.get(0)))) {
      return null;
    }
    RelDataType source = args.get(1);
    var pg = PgRelTypes.pg(source);
    boolean timestamp = pg == PgTypes.TIMESTAMP || pg == PgTypes.TIMESTAMPTZ || pg == PgTypes.DATE;
    boolean interval = pg == PgTypes.INTERVAL;
    if (!timestamp && !interval) {
      return null;
    }
    RelDataType t = PgRelTypes.TEXT;
    return switch (name) {
      case "date_part" -> fn(name + ":" + pg.name(), List.of(t, source), PgRelTypes.FLOAT8,
          a -> field((String) a[0], a[1]).doubleValue());
      case EXTRACT -> fn(name + ":" + pg.name(), List.of(t, source), PgRelTypes.NUMERIC,
          a -> field((String) a[0], a[1]));
      case "date_trunc" -> timestamp && pg != PgTypes.DATE
          ? fn(name + ":" + pg.name(), List.of(t, source), source, a -> trunc((String) a[0], a[1]))
          : timestamp
              ? fn(name + ":date", List.of(t, PgRelTypes.TIMESTAMPTZ), PgRelTypes.TIMESTAMPTZ,
                  a -> trunc((String) a[0], a[1]))
              : null;
      default -> null;
    };
  }

  private static LocalDateTime local(Object v) {
    return switch (v) {
      case LocalDateTime t -> t;
      case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
      case LocalDate d -> d.atStartOfDay();
      default -> throw new IllegalArgumentException(String.valueOf(v));
    };
  }

  /** The field of a timestamp, date or interval, as extract's numeric. */
  static BigDecimal field(String name, Object v) {
    String f = name.toLowerCase(Locale.ROOT);
    if (v instanceof PgInterval i) {
      return intervalField(f, i, name);
    }
    LocalDateTime t = local(v);
    boolean date = v instanceof LocalDate;
    long micros = t.getNano() / 1000;
    return switch (f) {
      case "year", "years" -> BigDecimal.valueOf(t.getYear());
      case "month", "months", "mon", "mons" -> BigDecimal.valueOf(t.getMonthValue());
      case "day", "days" -> BigDecimal.valueOf(t.getDayOfMonth());
      case "hour", "hours" -> timeField(date, name, t.getHour());
      case "minute", "minutes" -> timeField(date, name, t.getMinute());
      case "second", "seconds" -> {
        checkTime(date, name);
        yield BigDecimal.valueOf(t.getSecond() * 1_000_000L + micros, 6);
      }
      case "millisecond", "milliseconds" -> {
        checkTime(date, name);
        yield BigDecimal.valueOf(t.getSecond() * 1_000_000L + micros, 3);
      }
      case "microsecond", "microseconds" -> {
        checkTime(date, name);
        yield BigDecimal.valueOf(t.getSecond() * 1_000_000L + micros);
      }
      case "quarter" -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
      case "week" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "isoyear" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
      case "dow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
      case "isodow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
      case "doy" -> BigDecimal.valueOf(t.getDayOfYear());
      case "decade" -> BigDecimal.valueOf(Math.floorDiv(t.getYear(), 10));
      case "century" -> BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - t.getYear()) / 100));
      case "millennium" -> BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - t.getYear()) / 1000));
      case "epoch" -> {
        long us = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
        yield date ? BigDecimal.valueOf(us / 1_000_000) : BigDecimal.valueOf(us, 6);
      }
      default -> throw unsupported(name, date ? "date" : "timestamp");
    };
  }

  private static BigDecimal intervalField(String f, PgInterval i, String name) {
    long micros = i.micros();
    return switch (f) {
      case "year", "years" -> BigDecimal.valueOf(i.months() / 12);
      case "month", "months", "mon", "mons" -> BigDecimal.valueOf(i.months() % 12);
      case "day", "days" -> BigDecimal.valueOf(i.days());
      case "hour", "hours" -> BigDecimal.valueOf(micros / 3_600_000_000L);
      case "minute", "minutes" -> BigDecimal.valueOf(micros % 3_600_000_000L / 60_000_000L);
      case "second", "seconds" -> BigDecimal.valueOf(micros % 60_000_000L, 6);
      case "epoch" -> BigDecimal.valueOf(micros, 6)
          .add(BigDecimal.valueOf(i.days() * 86_400L))
          .add(BigDecimal.valueOf(i.months() / 12 * 31_557_600L + i.months() % 12 * 2_592_000L));
      default -> throw unsupported(name, "interval");
    };
  }

  private static BigDecimal timeField(boolean date, String name, int value) {
    checkTime(date, name);
    return BigDecimal.valueOf(value);
  }

  private static void checkTime(boolean date, String name) {
    if (date) {
      throw unsupported(name, "date");
    }
  }

  private static PgException unsupported(String unit, String type) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "unit \"" + unit.toLowerCase(Locale.ROOT) + "\" not supported for type " + type);
  }

  /** date_trunc: the timestamp with every field below {@code unit} zeroed. */
  static Object trunc(String unit, Object v) {
    LocalDateTime t = local(v);
    LocalDateTime out = switch (unit.toLowerCase(Locale.ROOT)) {
      case "microseconds" -> t.truncatedTo(ChronoUnit.MICROS);
      case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
      case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> t.truncatedTo(ChronoUnit.DAYS);
      case "week" -> t.truncatedTo(ChronoUnit.DAYS).with(java.time.temporal.TemporalAdjusters
          .previousOrSame(DayOfWeek.MONDAY));
      case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
          .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case "decade" -> LocalDateTime.of(Math.floorDiv(t.getYear(), 10) * 10, 1, 1, 0, 0);
      case "century" -> LocalDateTime.of((t.getYear() - 1) / 100 * 100 + 1, 1, 1, 0, 0);
      case "millennium" -> LocalDateTime.of((t.getYear() - 1) / 1000 * 1000 + 1, 1, 1, 0, 0);
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "unit \"" + unit.toLowerCase(Locale.ROOT) + "\" not recognized for type timestamp "
              + (v instanceof LocalDateTime ? "without" : "with") + " time zone");
    };
    return v instanceof LocalDateTime ? out : out.toInstant(ZoneOffset.UTC);
  }

  /** timezone(zone, ts): AT TIME ZONE with its arguments the other way round. */
  private static Resolved swapped(Resolved at) {
    PgFunction.Impl impl = at.function().impl();
    return new Resolved(Operators.cached("datetime:timezone:" + at.function().getName(),
        () -> new PgFunction("timezone", true, a -> impl.apply(new Object[] {a[1], a[0]}))),
        List.of(at.argTypes().get(1), at.argTypes().get(0)), at.resultType());
  }

  private static Resolved fn(String key, List<RelDataType> types, RelDataType result,
      PgFunction.Impl impl) {
    String name = key.substring(0, key.indexOf(':'));
    return new Resolved(Operators.cached("datetime:" + key,
        () -> new PgFunction(name, true, impl)), types, result);
  }
}
