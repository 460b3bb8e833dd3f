package io.sluice.common.error;

/** AWS error {@code InvalidArgumentException}: A value out of range or inconsistent with the resource (hash key outside the shard, bad iterator). */
public final class InvalidArgumentException extends ApiException {

    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }
}
