/**
 * Reads from the object store, planned a round at a time. On the path of one read this is the
 * step below the caches: the {@code cache} tiers hand the ranges they could not serve to the
 * {@link io.s3vector.storage.io.IoScheduler}, which coalesces them, issues them concurrently under
 * one server-wide bound and counts what they cost in {@link io.s3vector.storage.io.ReadStats}.
 */
package io.s3vector.storage.io;
