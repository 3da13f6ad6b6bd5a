package io.s3vector.sql.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The extensions every database here has, as pg_extension lists them: plpgsql, which initdb
 * installs, and vector, built in. Their comments are the ones their CREATE EXTENSION scripts set;
 * they are not stored, so they cannot be changed.
 */
public final class InstalledExtensions {
  /** One installed extension: its pg_extension OID and its comment (pg_description). */
  public record Extension(String name, long oid, String comment) {}

  public static final Extension PLPGSQL =
      new Extension("plpgsql", Oids.PLPGSQL_EXTENSION, "PL/pgSQL procedural language");
  public static final Extension VECTOR = new Extension(
      "vector", Oids.VECTOR_EXTENSION, "vector data type and ivfflat and hnsw access methods");

  private static final List<Extension> ALL = List.of(PLPGSQL, VECTOR);

  private InstalledExtensions() {}

  /** The installed extension of that name (as written, case-sensitive), if any. */
  public static Optional<Extension> named(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
