/**
 * The vector hot path: pgvector's four distances over primitive arrays ({@link
 * io.s3vector.storage.vector.DistanceKernels}, chosen by {@link
 * io.s3vector.storage.vector.VectorizationProvider}: Vector API or scalar), and {@link
 * io.s3vector.storage.vector.TopK}, the bounded heap of an exact k-nearest scan.
 */
package io.s3vector.storage.vector;
