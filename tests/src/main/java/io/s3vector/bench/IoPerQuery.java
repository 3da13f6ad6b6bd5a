package io.s3vector.bench;

/**
 * What one query's reads cost on average over a search phase: object-store requests, bytes,
 * sequential request rounds and time waited for them, and the share of all values read that L1
 * and Redis served (NaN when the phase read nothing, e.g. an index held in memory).
 */
record IoPerQuery(
    double storeRequests,
    double storeBytes,
    double storeRounds,
    double storeWaitMs,
    double l1HitRate,
    double redisHitRate) {}
