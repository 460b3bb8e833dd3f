package io.sluice.common.model;

/** Zero-padded decimal formatting without {@code String.format} (which is slow on hot paths). */
final class Decimal {

    private Decimal() {}

    /** Writes {@code value} (non-negative) as exactly {@code width} digits at {@code from}. */
    static void pad(char[] into, int from, int width, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        long rest = value;
        for (int i = from + width - 1; i >= from; i--) {
            into[i] = (char) ('0' + (rest % 10));
            rest /= 10;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
        }
    }
}
