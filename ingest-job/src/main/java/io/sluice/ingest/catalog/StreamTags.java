package io.sluice.ingest.catalog;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.ingest.api.TagChecks;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tag edits of one stream, with AWS's limit of 50 tags per stream. */
final class StreamTags {

    private StreamTags() {}

    /** A stream's tags with {@code added} put in (values of existing keys are overwritten). */
    static SortedMap<String, String> add(String streamName, Map<String, String> current, Map<String, String> added, String accountId) {
        SortedMap<String, String> tags = new TreeMap<>(current);
        tags.putAll(added);
        if (tags.size() > TagChecks.MAX_TAGS) {
            throw new InvalidArgumentException("Failed to add tags to stream " + streamName + " under account " + accountId
                    + " because a given stream cannot have more than " + TagChecks.MAX_TAGS + " tags associated with it.");
        }
        return tags;
    }

    /** The stream's tags without {@code keys} (keys it does not have are ignored). */
    static SortedMap<String, String> remove(StreamMetadata s, List<String> keys) {
        SortedMap<String, String> tags = new TreeMap<>(s.tags());
        keys.forEach(tags::remove);
        return tags;
    }
}
