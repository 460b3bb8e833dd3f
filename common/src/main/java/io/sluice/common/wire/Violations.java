package io.sluice.common.wire;

import io.sluice.common.error.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects constraint violations of one request and reports them together, worded as AWS does:
 * {@code 2 validation errors detected: Value 'x' at 'streamName' failed to satisfy constraint: ...}.
 */
public final class Violations {

    private final List<String> messages = new ArrayList<>();

    public void add(Object value, String memberPath, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        messages.add("Value " + shown + " at '" + memberPath + "' failed to satisfy constraint: " + constraint);
    }

    /** A violation of a sensitive member (an access key, a URL): AWS leaves its value out of the message. */
    public void addSensitive(String memberPath, String constraint) {
        messages.add("Value at '" + memberPath + "' failed to satisfy constraint: " + constraint);
    }

    public void required(String memberPath) {
        messages.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Throws a {@link ValidationException} listing every violation, if there is any. */
    public void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        throw new ValidationException(
                n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", messages));
    }
}
