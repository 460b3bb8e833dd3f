package io.sluice.ingest.catalog;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.ingest.api.RetentionRequest;
import io.sluice.ingest.api.TagChecks;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The control calls that change a stream's settings, checked as AWS checks them: retention changes
 * (direction and bounds), and tag edits (at most 50 tags per stream).
 */
final class SettingChanges {

    private SettingChanges() {}

    /** The stream with the retention of an Increase/DecreaseStreamRetentionPeriod. */
    static StreamMetadata retention(StreamMetadata s, RetentionRequest r) {
        if (r.increase() && r.hours() < s.retentionHours()) {
            throw new InvalidArgumentException("Requested retention period (" + r.hours() + " hours) for stream " + s.name()
                    + " can not be shorter than existing retention period (" + s.retentionHours()
                    + " hours). Use DecreaseRetentionPeriod API.");
        }
        if (!r.increase() && r.hours() > s.retentionHours()) {
            throw new InvalidArgumentException("Requested retention period (" + r.hours() + " hours) for stream " + s.name()
                    + " can not be longer than existing retention period (" + s.retentionHours()
                    + " hours). Use IncreaseRetentionPeriod API.");
        }
        return s.withRetentionHours(r.hours());
    }

    /** A stream's tags with {@code added} put in (values of existing keys are overwritten). */
    static SortedMap<String, String> addTags(String streamName, Map<String, String> current, Map<String, String> added, String accountId) {
        SortedMap<String, String> tags = new TreeMap<>(current);
        tags.putAll(added);
        if (tags.size() > TagChecks.MAX_TAGS) {
            throw new InvalidArgumentException("Failed to add tags to stream " + streamName + " under account " + accountId
                    + " because a given stream cannot have more than " + TagChecks.MAX_TAGS + " tags associated with it.");
        }
        return tags;
    }

    /** The stream's tags without {@code keys} (keys it does not have are ignored). */
    static SortedMap<String, String> removeTags(StreamMetadata s, List<String> keys) {
        SortedMap<String, String> tags = new TreeMap<>(s.tags());
        keys.forEach(tags::remove);
        return tags;
    }
}
