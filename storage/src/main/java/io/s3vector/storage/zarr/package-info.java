/**
 * Our own small Zarr v2 codec: just the parts S3Vector segments use, written so that zarr-python
 * 2.x opens them ({@code zarr.open(path)}) with no extra configuration.
 *
 * <p>Why not a library: the Java Zarr libraries (JZarr, zarr-java) either write only numeric dtypes
 * (no {@code |O} object arrays with the {@code vlen-utf8} filter, which is how zarr-python stores
 * text) or frame LZ4 differently from numcodecs ({@code numcodecs.LZ4} is a 4-byte little-endian
 * uncompressed length followed by one raw LZ4 block, not the LZ4 frame format). Both are a few
 * dozen lines, and owning them also lets chunks go straight into primitive arrays.
 *
 * <p>What is supported: 1-D arrays and 2-D arrays chunked along the first axis only, C order,
 * dimension separator ".", dtypes {@code |b1 <i2 <i4 <i8 <f4 <f8 <M8[us] |O} (vlen-utf8), and the
 * compressors {@code lz4} or none.
 */
package io.s3vector.storage.zarr;
