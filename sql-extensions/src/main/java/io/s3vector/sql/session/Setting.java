package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.List;
import java.util.Locale;

/**
 * One run-time parameter (GUC) we know: its canonical name, its default, whether a change is
 * reported to the client (ParameterStatus), and how a new value is checked and normalised.
 */
public record Setting(String name, String defaultValue, boolean reported, Kind kind,
    long min, long max, List<String> choices, String description) {

  public enum Kind {
    TEXT,
    BOOL,
    INT,
    ENUM,
    /** Fixed by the server: SET raises 55P02. */
    READ_ONLY
  }

  static Setting text(String name, String dflt, boolean reported, String description) {
    return new Setting(name, dflt, reported, Kind.TEXT, 0, 0, List.of(), description);
  }

  static Setting readOnly(String name, String dflt, boolean reported, String description) {
    return new Setting(name, dflt, reported, Kind.READ_ONLY, 0, 0, List.of(), description);
  }

  static Setting bool(String name, String dflt, boolean reported, String description) {
    return new Setting(name, dflt, reported, Kind.BOOL, 0, 0, List.of(), description);
  }

  static Setting integer(String name, long dflt, long min, long max, String description) {
    return new Setting(
        name, Long.toString(dflt), false, Kind.INT, min, max, List.of(), description);
  }

  static Setting choice(String name, String dflt, List<String> choices, String description) {
    return new Setting(name, dflt, false, Kind.ENUM, 0, 0, choices, description);
  }

  /** Checks {@code value} as PostgreSQL's GUC machinery would and returns its normal form. */
  public String normalise(String value) {
    switch (kind) {
      case READ_ONLY -> throw new PgException(
          "55P02", "parameter \"" + name + "\" cannot be changed");
      case BOOL -> {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
          case "on", "true", "yes", "1", "t", "y" -> "on";
          case "off", "false", "no", "0", "f", "n" -> "off";
          default -> throw new PgException(
              SqlState.INVALID_PARAMETER_VALUE,
              "parameter \"" + name + "\" requires a Boolean value");
        };
      }
      case INT -> {
        long v;
        try {
          v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          throw new PgException(
              SqlState.INVALID_PARAMETER_VALUE,
              "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        }
        if (v < min || v > max) {
          throw new PgException(
              SqlState.INVALID_PARAMETER_VALUE,
              v + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. "
                  + max + ")");
        }
        return Long.toString(v);
      }
      case ENUM -> {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(v)) {
          throw new PgException(
              SqlState.INVALID_PARAMETER_VALUE,
              "invalid value for parameter \"" + name + "\": \"" + value + "\"",
              null,
              "Available values: " + String.join(", ", choices) + ".",
              0,
              null);
        }
        return v;
      }
      default -> {
        return value;
      }
    }
  }
}
