package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.Map;

/** AddTagsToStream and TagResource: add tags to a stream or overwrite the values of keys it has. */
public record TagStreamRequest(String streamName, Map<String, String> tags) implements ControlRequest {

    static TagStreamRequest readAddTagsToStream(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        Map<String, String> tags = r.stringMap("Tags");
        TagChecks.tags(v, tags, "tags");
        v.throwIfAny();
        TagChecks.allowedCharacters(tags.keySet());
        TagChecks.allowedCharacters(tags.values());
        return new TagStreamRequest(name, tags);
    }

    static TagStreamRequest readTagResource(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        Map<String, String> tags = r.stringMap("Tags");
        TagChecks.tags(v, tags, "tags");
        String name = TagChecks.resourceStream(r, v, context);
        v.throwIfAny();
        TagChecks.allowedCharacters(tags.keySet());
        TagChecks.allowedCharacters(tags.values());
        return new TagStreamRequest(name, tags);
    }
}
