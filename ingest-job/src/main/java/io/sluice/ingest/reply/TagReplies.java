package io.sluice.ingest.reply;

import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import java.util.Map;
import java.util.SortedMap;

/** Encodes the answers of ListTagsForStream and ListTagsForResource. */
public final class TagReplies {

    private TagReplies() {}

    /** A page of tags in key order, with {@code HasMoreTags}. */
    public static byte[] page(WireFormat format, SortedMap<String, String> tags, String exclusiveStartKey, int limit) {
        SortedMap<String, String> after = exclusiveStartKey == null ? tags : tags.tailMap(exclusiveStartKey + "\0");
        return ReplyWriter.write(format, g -> {
            g.writeArrayFieldStart("Tags");
            int written = 0;
            for (Map.Entry<String, String> tag : after.entrySet()) {
                if (written == limit) {
                    break;
                }
                g.writeStartObject();
                g.writeStringField("Key", tag.getKey());
                g.writeStringField("Value", tag.getValue());
                g.writeEndObject();
                written++;
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreTags", after.size() > limit);
        });
    }

    /** Every tag, as ListTagsForResource answers. */
    public static byte[] all(WireFormat format, SortedMap<String, String> tags) {
        return ReplyWriter.write(format, g -> {
            g.writeArrayFieldStart("Tags");
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                g.writeStartObject();
                g.writeStringField("Key", tag.getKey());
                g.writeStringField("Value", tag.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
