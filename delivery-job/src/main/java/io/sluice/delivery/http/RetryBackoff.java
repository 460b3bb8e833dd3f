package io.sluice.delivery.http;

import java.util.random.RandomGenerator;

/**
 * The wait before retry {@code n} (from 0) of a failed request, as AWS documents it for HTTP endpoints: 1 s, doubling
 * with each retry, ±15 % jitter, at most 2 minutes.
 */
public final class RetryBackoff {

    static final long INITIAL_MILLIS = 1_000;
    static final long MAX_MILLIS = 120_000;
    static final double JITTER = 0.15;

    private RetryBackoff() {}

    public static long delayMillis(int retry, RandomGenerator random) {
        long base = INITIAL_MILLIS << Math.min(retry, 20);
        double jitter = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Math.min(MAX_MILLIS, Math.round(Math.min(base, MAX_MILLIS) * jitter));
    }
}
