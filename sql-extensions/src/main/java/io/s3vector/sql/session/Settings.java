package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session's run-time parameters: PostgreSQL's defaults, SET/RESET, SET LOCAL undone at the end
 * of the transaction, and the list of reported parameters changed since the client was last told.
 * Custom dotted names ({@code myapp.x}) are placeholders as in PostgreSQL.
 */
public final class Settings {
  public static final String EF_SEARCH = "hnsw.ef_search";
  public static final String ITERATIVE_SCAN = "hnsw.iterative_scan";

  /** The spellings of UTC PostgreSQL accepts for TimeZone (the only zone sessions have here). */
  private static final java.util.Set<String> UTC_NAMES = java.util.Set.of("utc", "etc/utc", "gmt",
      "etc/gmt", "z", "zulu", "universal", "etc/universal", "uct", "etc/uct", "utc0", "gmt0",
      "+00", "-00", "00:00", "+00:00", "0", "'utc'");

  private final Map<String, Setting> known = new LinkedHashMap<>();
  /** Current values by lower-case name. */
  private final Map<String, String> values = new HashMap<>();
  /** Session values to restore at the end of the transaction, for SET LOCAL. */
  private final Map<String, String> beforeLocal = new HashMap<>();
  private final Map<String, String> changedReported = new LinkedHashMap<>();

  public Settings(String serverVersion, String user, Map<String, String> startup) {
    for (Setting s : List.of(
        Setting.readOnly("server_version", serverVersion, true, "Shows the server version."),
        Setting.readOnly("server_version_num", versionNumber(serverVersion), false, "Shows the server version as an integer."),
        Setting.readOnly("server_encoding", "UTF8", true, "Shows the server (database) character set encoding."),
        Setting.text("client_encoding", "UTF8", true, "Sets the client's character set encoding."),
        Setting.text("DateStyle", "ISO, MDY", true, "Sets the display format for date and time values."),
        Setting.text("TimeZone", "UTC", true, "Sets the time zone for displaying and interpreting time stamps."),
        Setting.readOnly("integer_datetimes", "on", true, "Shows whether datetimes are integer based."),
        Setting.bool("standard_conforming_strings", "on", true, "Causes '...' strings to treat backslashes literally."),
        Setting.text("application_name", "", true, "Sets the application name to be reported in statistics and logs."),
        Setting.text("search_path", "\"$user\", public", false, "Sets the schema search order for names that are not schema-qualified."),
        Setting.integer("extra_float_digits", 1, -15, 3, "Sets the number of digits displayed for floating-point values."),
        Setting.choice("IntervalStyle", "postgres", List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601"), "Sets the display format for interval values."),
        Setting.readOnly("is_superuser", "on", true, "Shows whether the current user is a superuser."),
        Setting.readOnly("session_authorization", user, true, "Sets the session user name."),
        Setting.readOnly("max_identifier_length", "63", false, "Shows the maximum identifier length."),
        Setting.choice("transaction_isolation", "read committed", List.of("serializable", "repeatable read", "read committed", "read uncommitted"), "Sets the current transaction's isolation level."),
        Setting.choice("default_transaction_isolation", "read committed", List.of("serializable", "repeatable read", "read committed", "read uncommitted"), "Sets the transaction isolation level of each new transaction."),
        Setting.text("statement_timeout", "0", false, "Sets the maximum allowed duration of any statement."),
        Setting.text("lock_timeout", "0", false, "Sets the maximum allowed duration of any wait for a lock."),
        Setting.text("idle_in_transaction_session_timeout", "0", false, "Sets the maximum allowed idle time between queries, when in a transaction."),
        Setting.text("client_min_messages", "notice", false, "Sets the message levels that are sent to the client."),
        // set by pg_dump's scripts; no value changes what we do except as StorageDefaults checks
        Setting.bool("check_function_bodies", "on", false, "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE."),
        Setting.choice("xmloption", "content", List.of("content", "document"), "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments."),
        Setting.bool("row_security", "on", false, "Enable row security."),
        Setting.text("default_tablespace", "", false, "Sets the default tablespace to create tables and indexes in."),
        Setting.text("default_table_access_method", "heap", false, "Sets the default table access method for new tables."),
        Setting.integer(EF_SEARCH, 40, 1, 1000, "Sets the size of the dynamic candidate list for search"),
        Setting.choice(ITERATIVE_SCAN, "off", List.of("off", "relaxed_order", "strict_order"), "Sets the mode for iterative scans"),
        // pgvector's IVFFlat settings: an index declared USING ivfflat is an HNSW graph here,
        // searched as hnsw.ef_search says, so these are kept and shown but change nothing
        Setting.integer("ivfflat.probes", 1, 1, 32768, "Sets the number of probes"),
        Setting.choice("ivfflat.iterative_scan", "off", List.of("off", "relaxed_order"), "Sets the mode for iterative scans"),
        Setting.integer("ivfflat.max_probes", 32768, 1, 32768, "Sets the max number of probes for iterative scans"))) {
      known.put(key(s.name()), s);
      values.put(key(s.name()), s.defaultValue());
    }
    if (startup != null) {
      for (Map.Entry<String, String> e : startup.entrySet()) {
        Setting s = known.get(key(e.getKey()));
        if (s != null && s.kind() != Setting.Kind.READ_ONLY) {
          try {
            values.put(key(s.name()), normaliseValue(s, e.getValue()));
          } catch (PgException ignored) {
            // PostgreSQL rejects the connection; we keep the default rather than refuse it.
          }
        }
      }
    }
  }

  /** "16.4" → "160004", as PostgreSQL's server_version_num. */
  static String versionNumber(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return Integer.toString(major * 10000 + minor);
    } catch (NumberFormatException e) {
      return "0";
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The current value, or null when the parameter is unknown. */
  public String get(String name) {
    return values.get(key(name));
  }

  /** The current value for SHOW: unknown names raise 42704 like PostgreSQL. */
  public String show(String name) {
    String v = values.get(key(name));
    if (v == null) {
      throw unrecognized(name);
    }
    return v;
  }

  /** The canonical spelling of a parameter's name (SHOW's column label). */
  public String canonicalName(String name) {
    Setting s = known.get(key(name));
    return s == null ? key(name) : s.name();
  }

  /** SET [SESSION|LOCAL] name = value; a null value means DEFAULT. */
  public void set(String name, String value, boolean local, boolean inTransaction) {
    String k = key(name);
    Setting s = known.get(k);
    String newValue;
    if (s == null) {
      if (!k.contains(".")) {
        throw unrecognized(name);
      }
      newValue = value == null ? "" : value;
    } else {
      newValue = value == null ? s.defaultValue() : normaliseValue(s, value);
      if (value == null && s.kind() == Setting.Kind.READ_ONLY) {
        s.normalise("");
      }
    }
    if (local) {
      if (!inTransaction) {
        return; // PostgreSQL warns "SET LOCAL can only be used in transaction blocks" and ignores it
      }
      beforeLocal.putIfAbsent(k, values.get(k));
    } else {
      beforeLocal.remove(k);
    }
    put(k, newValue);
  }

  private String normaliseValue(Setting s, String value) {
    if (s.name().equals("client_encoding")) {
      String v = value.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
      if (!v.equals("UTF8") && !v.equals("UNICODE")) {
        throw new PgException(
            SqlState.INVALID_PARAMETER_VALUE,
            "invalid value for parameter \"client_encoding\": \"" + value + "\"");
      }
      return "UTF8";
    }
    if (s.name().equals("DateStyle") && value.trim().equalsIgnoreCase("iso")) {
      return "ISO, MDY";
    }
    // timestamps with time zone are read and printed in UTC: another zone would change what
    // '2024-01-01 12:00'::timestamptz means, so it is refused rather than ignored
    if (s.name().equals("TimeZone") && !UTC_NAMES.contains(value.trim().toLowerCase(Locale.ROOT))) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "time zone \"" + value.trim()
          + "\" is not supported yet: the session time zone is UTC");
    }
    if (s.name().equals("DateStyle")
        && !value.toUpperCase(Locale.ROOT).replace(" ", "").matches("ISO(,(MDY|DMY|YMD|US|EURO|EUROPEAN|NONEURO))?|(MDY|DMY|YMD),ISO")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "DateStyle \"" + value.trim() + "\" is not supported yet: dates are printed in ISO style");
    }
    if (s.name().equals("IntervalStyle") && !value.trim().equalsIgnoreCase("postgres")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "IntervalStyle \"" + value.trim() + "\" is not supported yet");
    }
    if (s.name().equals("default_tablespace")) {
      return StorageDefaults.tablespace(value);
    }
    if (s.name().equals("default_table_access_method")) {
      return StorageDefaults.tableAccessMethod(value);
    }
    return s.normalise(value);
  }

  /** RESET name. */
  public void reset(String name) {
    String k = key(name);
    Setting s = known.get(k);
    if (s == null) {
      if (!values.containsKey(k) && !k.contains(".")) {
        throw unrecognized(name);
      }
      put(k, values.containsKey(k) ? "" : null);
      return;
    }
    if (s.kind() == Setting.Kind.READ_ONLY) {
      s.normalise("");
    }
    put(k, s.defaultValue());
  }

  /** RESET ALL. */
  public void resetAll() {
    for (Setting s : known.values()) {
      if (s.kind() != Setting.Kind.READ_ONLY) {
        put(key(s.name()), s.defaultValue());
      }
    }
  }

  /** The end of a transaction block: values SET LOCAL go back to their session values. */
  public void endTransaction() {
    for (Map.Entry<String, String> e : beforeLocal.entrySet()) {
      put(e.getKey(), e.getValue());
    }
    beforeLocal.clear();
  }

  /** SHOW ALL: (name, setting, description) of every known parameter. */
  public List<String[]> all() {
    List<String[]> rows = new ArrayList<>();
    for (Setting s : known.values()) {
      rows.add(new String[] {s.name(), values.get(key(s.name())), s.description()});
    }
    rows.sort((a, b) -> a[0].compareToIgnoreCase(b[0]));
    return rows;
  }

  public Map<String, String> drainChangedReported() {
    Map<String, String> out = new LinkedHashMap<>(changedReported);
    changedReported.clear();
    return out;
  }

  private void put(String k, String value) {
    String old = value == null ? values.remove(k) : values.put(k, value);
    Setting s = known.get(k);
    if (s != null && s.reported() && value != null && !value.equals(old)) {
      changedReported.put(s.name(), value);
    }
  }

  private static PgException unrecognized(String name) {
    return new PgException(
        SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
  }
}
