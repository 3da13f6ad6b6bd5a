package io.s3vector.sql.functions;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.session.PgSession;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code pg_advisory_lock(bigint)}, {@code pg_advisory_lock(int, int)} and the rest of the
 * family over {@link AdvisoryLocks}: {@code [try_]}, {@code [xact_]}, {@code [_shared]}, {@code
 * pg_advisory_unlock[_shared]} and {@code pg_advisory_unlock_all()}.
 */
final class AdvisoryFunctions {
  private AdvisoryFunctions() {}

  static Resolved resolve(String name, List<RelDataType> args, PgSession session) {
    AdvisoryLocks locks = AdvisoryLocks.of(session.database());
    if (name.equals("pg_advisory_unlock_all")) {
      return args.isEmpty() ? CatalogFunctions.live(name, List.of(), PgRelTypes.VOID, a -> {
        locks.releaseSession(session, false);
        return "";
      }) : null;
    }
    List<RelDataType> keyTypes;
    if (args.size() == 1 && CatalogFunctions.intLike(args.get(0))) {
      keyTypes = List.of(PgRelTypes.INT8);
    } else if (args.size() == 2 && CatalogFunctions.intLike(args.get(0))
        && CatalogFunctions.intLike(args.get(1))) {
      keyTypes = List.of(PgRelTypes.INT4, PgRelTypes.INT4);
    } else {
      return null;
    }
    boolean shared = name.endsWith("_shared");
    String base = shared ? name.substring(0, name.length() - "_shared".length()) : name;
    return switch (base) {
      case "pg_advisory_lock", "pg_advisory_xact_lock" -> CatalogFunctions.live(name, keyTypes,
          PgRelTypes.VOID, a -> {
            locks.lock(session, key(a), shared, base.contains("xact"), false);
            return "";
          });
      case "pg_try_advisory_lock", "pg_try_advisory_xact_lock" -> CatalogFunctions.live(name,
          keyTypes, PgRelTypes.BOOL,
          a -> locks.lock(session, key(a), shared, base.contains("xact"), true));
      case "pg_advisory_unlock" -> CatalogFunctions.live(name, keyTypes, PgRelTypes.BOOL,
          a -> locks.unlock(session, key(a), shared, session::notice));
      default -> null;
    };
  }

  private static AdvisoryLocks.Key key(Object[] a) {
    return a.length == 1 ? new AdvisoryLocks.Key(((Number) a[0]).longValue(), 0, false)
        : new AdvisoryLocks.Key(((Number) a[0]).longValue(), ((Number) a[1]).longValue(), true);
  }
}
