package io.sluice.common.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Kinesis hash key: an unsigned 128-bit integer. A record's hash key is the MD5 of its partition
 * key's UTF-8 bytes read big-endian, unless the producer supplied an {@code ExplicitHashKey}.
 */
public final class HashKey {

    /** The largest hash key, 2^128 - 1. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final ThreadLocal<MessageDigest> MD5 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("MD5");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("MD5 is required by the JDK", e);
                        }
                    });

    private HashKey() {}

    /** The hash key Kinesis derives from a partition key. */
    public static BigInteger ofPartitionKey(String partitionKey) {
        byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, digest);
    }

    /**
     * Parses an {@code ExplicitHashKey}: a plain decimal in 0 … 2^128-1.
     *
     * @return the value, or {@code null} if the text is not such a decimal
     */
    public static BigInteger parseExplicit(String text) {
        if (text == null || text.isEmpty() || text.length() > 39) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            return null;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(MAX) > 0 ? null : value;
    }
}
