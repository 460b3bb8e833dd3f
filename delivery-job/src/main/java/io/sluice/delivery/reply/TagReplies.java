package io.sluice.delivery.reply;

import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.api.ListTagsForDeliveryStreamRequest;
import io.sluice.delivery.api.Tag;
import java.util.Comparator;
import java.util.List;

/** The ListTagsForDeliveryStream answer: a page of tags in key order, and whether more follow. */
public final class TagReplies {

    private TagReplies() {}

    public static byte[] list(WireFormat format, List<Tag> tags, ListTagsForDeliveryStreamRequest r) {
        List<Tag> after = tags.stream()
                .sorted(Comparator.comparing(Tag::key))
                .filter(t -> r.exclusiveStartTagKey() == null || t.key().compareTo(r.exclusiveStartTagKey()) > 0)
                .toList();
        boolean more = after.size() > r.limit();
        List<Tag> page = more ? after.subList(0, r.limit()) : after;
        return ReplyWriter.write(format, g -> {
            g.writeArrayFieldStart("Tags");
            for (Tag t : page) {
                g.writeStartObject();
                g.writeStringField("Key", t.key());
                g.writeStringField("Value", t.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreTags", more);
        });
    }
}
