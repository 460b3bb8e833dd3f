package io.sluice.common.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident tokens (shard iterators, pagination tokens): a payload followed by a
 * truncated HMAC-SHA256 over it, in URL-safe base64. {@link #open} returns {@code null} for anything
 * that was not issued with the same secret and purpose.
 */
public final class SignedToken {

    private static final int MAC_BYTES = 16;

    private final byte[] key;

    public SignedToken(String secret, String purpose) {
        this.key = (purpose + "\u0000" + secret).getBytes(StandardCharsets.UTF_8);
    }

    public String seal(byte[] payload) {
        byte[] mac = mac(payload);
        ByteBuffer out = ByteBuffer.allocate(payload.length + MAC_BYTES).put(payload).put(mac, 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** The payload of a token this instance sealed, or {@code null}. */
    public byte[] open(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length <= MAC_BYTES) {
            return null;
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] expected = Arrays.copyOf(mac(payload), MAC_BYTES);
        byte[] actual = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        return MessageDigest.isEqual(expected, actual) ? payload : null;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }
}
