package io.sluice.bench;

import java.util.SplittableRandom;

/**
 * How the load generator picks partition keys: uniformly at random, or with a share of the records on
 * one hot key (the rest uniform) — the skew that piles one shard up while the others idle.
 */
record KeyDistribution(double hotFraction) {

    static final String HOT_KEY = "hot-key";

    static KeyDistribution parse(String text) {
        if (text.equals("uniform")) {
            return new KeyDistribution(0);
        }
        if (text.startsWith("hot:")) {
            double f = Double.parseDouble(text.substring(4));
            if (f < 0 || f > 1) {
                throw new IllegalArgumentException("--keys=hot:F needs 0 <= F <= 1, got " + f);
            }
            return new KeyDistribution(f);
        }
        throw new IllegalArgumentException("--keys must be uniform or hot:F, got '" + text + "'");
    }

    String next(SplittableRandom random) {
        if (hotFraction > 0 && random.nextDouble() < hotFraction) {
            return HOT_KEY;
        }
        return Long.toHexString(random.nextLong());
    }

    @Override
    public String toString() {
        return hotFraction == 0 ? "uniform" : "hot:" + hotFraction;
    }
}
