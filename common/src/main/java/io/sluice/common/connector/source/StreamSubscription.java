package io.sluice.common.connector.source;

import java.io.Serializable;
import java.util.Objects;

/**
 * One reading of one stream by a {@link KinesisSource}: {@code id} names the reader on whose behalf the stream is
 * read (a delivery stream, say; empty for a source over one fixed stream), and {@code start} is where its shards
 * found first begin. Two subscriptions on the same stream read it independently, each with its own positions, so
 * each gets every record. Ids must not contain {@code /} (it separates them from shard ids in split ids).
 */
public record StreamSubscription(String id, String streamName, StartingPosition start) implements Serializable {

    public StreamSubscription {
        Objects.requireNonNull(id, "id");
        if (id.indexOf('/') >= 0) {
            throw new IllegalArgumentException("A subscription id may not contain '/': " + id);
        }
    }

    /** The id of the split that reads {@code shardId} for subscription {@code id}: the shard id alone for the empty id. */
    public static String splitId(String id, String shardId) {
        return id.isEmpty() ? shardId : id + "/" + shardId;
    }

    /** The subscription id inside a split id (shard ids never contain {@code /}). */
    static String subscriptionOf(String splitId) {
        int slash = splitId.lastIndexOf('/');
        return slash < 0 ? "" : splitId.substring(0, slash);
    }

    /** The shard id inside a split id. */
    static String shardOf(String splitId) {
        return splitId.substring(splitId.lastIndexOf('/') + 1);
    }
}
