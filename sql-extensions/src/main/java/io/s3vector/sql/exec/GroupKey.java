package io.s3vector.sql.exec;

import java.util.Arrays;

/** Grouping/DISTINCT key over values that may be float[] vectors: compared by content. */
record GroupKey(Object[] values) {
  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && Arrays.deepEquals(values, k.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }
}
