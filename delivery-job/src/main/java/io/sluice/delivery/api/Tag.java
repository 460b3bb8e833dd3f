package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.ArrayList;
import java.util.List;

/** A delivery stream's tag: a key of 1–128 and a value of 0–256 characters (Firehose's {@code Tag} shape). */
public record Tag(String key, String value) {

    /** Most tags a delivery stream carries (and a call may give). */
    public static final int MAX_TAGS = 50;

    /** Reads a list of {@code {Key, Value}} structures; {@code required} says whether it may be absent. */
    static List<Tag> readList(RequestReader r, String member, String path, boolean required, Violations v) {
        List<RequestReader> items = r.structList(member);
        if (items == null) {
            if (required) {
                v.required(path);
            }
            return List.of();
        }
        if (items.isEmpty() || items.size() > MAX_TAGS) {
            v.add("[...]", path, "Member must have length "
                    + (items.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_TAGS));
        }
        List<Tag> tags = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            RequestReader item = items.get(i);
            String itemPath = path + "." + (i + 1) + ".member.";
            String key = item.string("Key");
            String value = item.string("Value");
            if (key == null) {
                v.required(itemPath + "key");
            }
            MemberChecks.length(v, key, itemPath + "key", 1, 128);
            MemberChecks.pattern(v, key, itemPath + "key", FirehoseChecks.TAG_KEY);
            MemberChecks.length(v, value, itemPath + "value", 0, 256);
            MemberChecks.pattern(v, value, itemPath + "value", FirehoseChecks.TAG_VALUE);
            tags.add(new Tag(key, value == null ? "" : value));
        }
        return tags;
    }
}
