package io.sluice.ingest.replay;

import io.sluice.common.model.SequenceNumber;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One end of a replay range: an arrival time (epoch milliseconds, from ISO-8601 or a number) or a record's sequence
 * number. Both ends are inclusive. A sequence number names one shard (Sluice's numbers carry the stream's tag and the
 * shard's index, see {@link SequenceNumber}), so a range bounded by one replays that shard only.
 */
public record ReplayBound(Long timeMillis, String sequenceNumber) implements Serializable {

    public static ReplayBound time(long millis) {
        return new ReplayBound(millis, null);
    }

    public static ReplayBound sequence(String sequenceNumber) {
        return new ReplayBound(null, sequenceNumber);
    }

    public boolean isTime() {
        return timeMillis != null;
    }

    /** The parsed sequence number (only for a sequence-number bound). */
    public SequenceNumber parsedSequence() {
        return SequenceNumber.parse(sequenceNumber);
    }

    /**
     * Reads {@code --start}/{@code --end}: a 51-digit Sluice sequence number, epoch milliseconds, or an ISO-8601 instant
     * ({@code 2026-12-05T12:00:00Z}, {@code 2026-12-05T13:00:00+01:00}).
     */
    public static ReplayBound parse(String option, String text) throws ReplayException {
        String t = text.strip();
        if (t.length() == SequenceNumber.LENGTH && SequenceNumber.parse(t) != null) {
            return sequence(t);
        }
        if (!t.isEmpty() && t.length() <= 15 && t.chars().allMatch(Character::isDigit)) {
            return time(Long.parseLong(t));
        }
        try {
            return time(Instant.parse(t).toEpochMilli());
        } catch (DateTimeParseException notInstant) {
            try {
                return time(OffsetDateTime.parse(t).toInstant().toEpochMilli());
            } catch (DateTimeParseException notOffset) {
                throw new ReplayException(option + "=" + text + " is neither an arrival time (ISO-8601 such as 2026-12-05T12:00:00Z,"
                        + " or epoch milliseconds) nor a Sluice sequence number (" + SequenceNumber.LENGTH + " digits)");
            }
        }
    }

    @Override
    public String toString() {
        return isTime() ? Instant.ofEpochMilli(timeMillis).toString() : sequenceNumber;
    }
}
