package io.s3vector.sql.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions pg_proc lists, from {@code pg_proc.txt} (a dump of PostgreSQL 15 + pgvector):
 * pgvector's functions in public (what psql's {@code \df} shows), the I/O functions named by
 * pg_type's typinput/typoutput/... (so {@code typinput = 'array_in'::regproc} compares OIDs, as
 * pgjdbc's TypeInfoCache does), and the access methods' handlers. Not every one listed is one we
 * run: pgvector's halfvec and sparsevec functions are listed as its extension creates them.
 */
public final class CatalogProcs {
  /**
   * One function: what pg_proc and psql's {@code \df} read ({@code pg_get_function_result} and
   * {@code pg_get_function_arguments} as PostgreSQL prints them).
   */
  public record Proc(long oid, String name, long namespace, String kind, long language,
      String volatility, boolean strict, boolean returnsSet, long returnType, List<Long> argTypes,
      String result, String arguments) {}

  private static final List<Proc> ALL;
  private static final Map<Long, Proc> BY_OID = new LinkedHashMap<>();

  static {
    List<Proc> all = new ArrayList<>();
    for (String line : Resources.lines("pg_proc.txt")) {
      String[] f = line.split("\\|", -1);
      List<Long> args = new ArrayList<>();
      for (String a : f[9].trim().split(" ")) {
        if (!a.isEmpty()) {
          args.add(Long.parseLong(a));
        }
      }
      Proc p = new Proc(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), f[3],
          Long.parseLong(f[4]), f[5], f[6].equals("t"), f[7].equals("t"), Long.parseLong(f[8]),
          List.copyOf(args), f[10], f[11]);
      all.add(p);
      BY_OID.put(p.oid(), p);
    }
    ALL = Collections.unmodifiableList(all);
  }

  private CatalogProcs() {}

  public static List<Proc> all() {
    return ALL;
  }

  public static Proc byOid(long oid) {
    return BY_OID.get(oid);
  }

  /** The OID of the function of this name (the lowest, for an overloaded one), or null. */
  public static Long oidOf(String name) {
    for (Proc p : ALL) {
      if (p.name().equals(name)) {
        return p.oid();
      }
    }
    return null;
  }
}
