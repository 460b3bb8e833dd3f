package io.sluice.common.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An inclusive range of hash keys owned by one shard. */
public final class HashKeyRange {

    private final BigInteger start;
    private final BigInteger end;

    public HashKeyRange(BigInteger start, BigInteger end) {
        if (start.signum() < 0 || end.compareTo(HashKey.MAX) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("Bad hash key range " + start + " … " + end);
        }
        this.start = start;
        this.end = end;
    }

    /**
     * Splits the whole key space evenly into {@code n} ranges as Kinesis does: range i starts at
     * floor(i · 2^128 / n) and the last one ends at 2^128 − 1.
     */
    public static List<HashKeyRange> splitEvenly(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        BigInteger space = BigInteger.ONE.shiftLeft(128);
        BigInteger count = BigInteger.valueOf(n);
        List<HashKeyRange> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigInteger s = space.multiply(BigInteger.valueOf(i)).divide(count);
            BigInteger e = space.multiply(BigInteger.valueOf(i + 1L)).divide(count).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(s, e));
        }
        return ranges;
    }

    public BigInteger start() {
        return start;
    }

    public BigInteger end() {
        return end;
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKeyRange r && start.equals(r.start) && end.equals(r.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end);
    }

    @Override
    public String toString() {
        return start + "…" + end;
    }
}
