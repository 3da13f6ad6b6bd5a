package io.s3vector.storage.zarr;

/** The Zarr v2 dtypes segments use, with their NumPy type strings. */
public enum ZarrDtype {
  BOOL("|b1", 1),
  INT8("|i1", 1),
  INT16("<i2", 2),
  INT32("<i4", 4),
  INT64("<i8", 8),
  FLOAT32("<f4", 4),
  FLOAT64("<f8", 8),
  /** numpy datetime64 with microsecond unit: an int64 count of microseconds since 1970 UTC. */
  DATETIME_US("<M8[us]", 8),
  /** numpy datetime64 with day unit: an int64 count of days since 1970-01-01. */
  DATETIME_D("<M8[D]", 8),
  /** A Python object array; with the {@code vlen-utf8} filter, an array of str. */
  UTF8("|O", 0);

  private final String numpy;
  private final int itemSize;

  ZarrDtype(String numpy, int itemSize) {
    this.numpy = numpy;
    this.itemSize = itemSize;
  }

  /** The dtype string in {@code .zarray}, e.g. {@code "<f4"}. */
  public String numpy() {
    return numpy;
  }

  /** Bytes per element of the uncompressed chunk; 0 for the variable-length {@link #UTF8}. */
  public int itemSize() {
    return itemSize;
  }

  public static ZarrDtype ofNumpy(String numpy) {
    for (ZarrDtype dtype : values()) {
      if (dtype.numpy.equals(numpy)) {
        return dtype;
      }
    }
    throw new IllegalArgumentException("unsupported Zarr dtype \"" + numpy + "\"");
  }
}
