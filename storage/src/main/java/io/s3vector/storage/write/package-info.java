/**
 * What changes the store below the engine. {@link io.s3vector.storage.write.GroupCommitter}
 * commits the manifest changes of concurrent writes with one manifest version ({@link
 * io.s3vector.storage.write.SegmentRows} writes their rows as segments before); {@link
 * io.s3vector.storage.write.Compactor} merges runs of
 * adjacent small segments in the background with a conditional manifest swap; {@link
 * io.s3vector.storage.write.IndexDdl} is CREATE and DROP INDEX. Each writes its segments and
 * graphs first ({@code segment}, {@code search}) and then commits a manifest ({@code manifest}), so
 * a crash leaves only unreferenced objects. Not on the path of a read; the one write path of
 * statements, transaction blocks and COPY ({@code StoreStagedWrite}) is in {@code engine}.
 */
package io.s3vector.storage.write;
