package io.s3vector.storage.table;

/**
 * The options of a serial or identity column's sequence, resolved (PostgreSQL's pg_sequence row):
 * the values it hands out are {@code start}, {@code start + increment}, ... within {@code min} and
 * {@code max}, wrapping to {@code min} ({@code max} when it counts down) with {@code cycle}.
 * Checking them is the SQL layer's (PostgreSQL's messages); storage only counts.
 *
 * @param cache CACHE as written (kept for the catalog: servers reserve their own blocks)
 */
public record SerialOptions(long start, long increment, long min, long max, boolean cycle,
    long cache) {

  /** The options of a sequence nobody gave options: from 1 (or {@code start}) by one to the type's maximum. */
  public static SerialOptions defaults(ColumnType type, long start) {
    return new SerialOptions(start, 1, 1, typeMax(type), false, 1);
  }

  /** Whether these are {@link #defaults} but perhaps for their start. */
  public boolean countsByDefault(ColumnType type) {
    return increment == 1 && min == 1 && max == typeMax(type) && !cycle && cache == 1;
  }

  /** This sequence starting at {@code value}. */
  public SerialOptions withStart(long value) {
    return new SerialOptions(value, increment, min, max, cycle, cache);
  }

  /** The largest value of an integer column's type. */
  public static long typeMax(ColumnType type) {
    return switch (type) {
      case INT2 -> Short.MAX_VALUE;
      case INT4 -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
  }
}
