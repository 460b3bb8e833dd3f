package io.sluice.common.quota;

/**
 * A throughput budget of {@code ratePerSecond} units, refilled continuously and holding at most one
 * second of its rate, so a client may burst for a second and then keeps to the rate: the shape of
 * AWS's per-shard and per-delivery-stream quotas. Not thread-safe (one operator subtask owns it).
 */
public final class TokenBucket {

    private final double ratePerSecond;
    private double tokens;
    private long refilledAt;

    /** A full bucket at {@code nowMillis}. */
    public TokenBucket(double ratePerSecond, long nowMillis) {
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond;
        this.refilledAt = nowMillis;
    }

    /** Whether {@code amount} is available now (without taking it). */
    public boolean has(long nowMillis, double amount) {
        refill(nowMillis);
        return tokens >= amount;
    }

    /** Whether the bucket is not in debt (see {@link #charge}). */
    public boolean solvent(long nowMillis) {
        refill(nowMillis);
        return tokens >= 0;
    }

    /** Takes {@code amount} if available; otherwise takes nothing. */
    public boolean tryTake(long nowMillis, double amount) {
        if (!has(nowMillis, amount)) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** Takes {@code amount} whether or not it is there: the bucket may go into debt, paid back by the refill. */
    public void charge(double amount) {
        tokens -= amount;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        refilledAt = nowMillis;
        tokens = Math.min(ratePerSecond, tokens + elapsed / 1000.0 * ratePerSecond);
    }
}
