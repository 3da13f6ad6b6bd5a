/**
 * The catalog. A {@link io.s3vector.storage.manifest.Manifest} names every table ({@link
 * io.s3vector.storage.manifest.TableEntry}: schema, sequences, indexes) and its segments in commit
 * order ({@link io.s3vector.storage.manifest.SegmentRef}); {@link
 * io.s3vector.storage.manifest.ManifestLog} finds the newest version in the store and commits the
 * next with {@code putIfAbsent}, re-reading and re-applying a change that lost a race, and deletes
 * old versions only when that is safe. On the path of one read it comes first: a snapshot is the
 * segment list of one manifest version, and everything below reads segments by the ids listed
 * here.
 */
package io.s3vector.storage.manifest;
