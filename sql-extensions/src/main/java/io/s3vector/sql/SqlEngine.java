package io.s3vector.sql;

import java.util.Map;

/** The SQL front door for the protocol layer: one per server, opening one session per connection. */
public interface SqlEngine {

  /**
   * Opens a session for an authenticated user. {@code startupParameters} are the StartupMessage's
   * (user, database, application_name, options, ...).
   */
  SqlSession openSession(String user, String database, Map<String, String> startupParameters);

  /** The version string {@code SELECT version()} returns and {@code server_version} reports. */
  String serverVersion();
}
