package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.List;

/** RemoveTagsFromStream and UntagResource: remove tags by key (keys the stream lacks are ignored). */
public record UntagStreamRequest(String streamName, List<String> tagKeys) implements ControlRequest {

    static UntagStreamRequest readRemoveTagsFromStream(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        List<String> keys = r.stringList("TagKeys");
        TagChecks.keys(v, keys, "tagKeys");
        v.throwIfAny();
        TagChecks.allowedCharacters(keys);
        return new UntagStreamRequest(name, keys);
    }

    static UntagStreamRequest readUntagResource(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        List<String> keys = r.stringList("TagKeys");
        TagChecks.keys(v, keys, "tagKeys");
        String name = TagChecks.resourceStream(r, v, context);
        v.throwIfAny();
        TagChecks.allowedCharacters(keys);
        return new UntagStreamRequest(name, keys);
    }
}
