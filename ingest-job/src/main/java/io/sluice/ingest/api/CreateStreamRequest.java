package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.Map;

/**
 * CreateStream: a name, a shard count (optional in ON_DEMAND mode, which starts with 4 shards) and
 * the stream's first tags (empty when none are given).
 */
public record CreateStreamRequest(String streamName, int shardCount, StreamMode mode, Map<String, String> tags)
        implements ControlRequest {

    /** Shards an ON_DEMAND stream starts with when no count is given, as in AWS. */
    public static final int ON_DEMAND_DEFAULT_SHARDS = 4;

    static CreateStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = r.string("StreamName");
        if (name == null) {
            v.required("streamName");
        }
        Checks.name(v, name, "streamName");
        Integer shardCount = r.integer("ShardCount");
        Checks.range(v, shardCount, "shardCount", 1, 100_000);
        RequestReader details = r.struct("StreamModeDetails");
        StreamMode mode = StreamMode.PROVISIONED;
        if (details != null) {
            String modeName = details.string("StreamMode");
            if (modeName == null) {
                v.required("streamModeDetails.streamMode");
            }
            StreamMode parsed = Checks.enumValue(v, modeName, "streamModeDetails.streamMode", StreamMode.class);
            mode = parsed == null ? mode : parsed;
        }
        Map<String, String> tags = r.stringMap("Tags");
        TagChecks.optionalTags(v, tags, "tags");
        v.throwIfAny();
        if (tags != null) {
            TagChecks.allowedCharacters(tags.keySet());
            TagChecks.allowedCharacters(tags.values());
        }
        if (shardCount == null) {
            if (mode != StreamMode.ON_DEMAND) {
                throw new InvalidArgumentException("ShardCount is required for a stream in PROVISIONED mode.");
            }
            shardCount = ON_DEMAND_DEFAULT_SHARDS;
        }
        return new CreateStreamRequest(name, shardCount, mode, tags == null ? Map.of() : Map.copyOf(tags));
    }
}
