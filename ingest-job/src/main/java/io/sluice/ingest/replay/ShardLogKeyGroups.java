package io.sluice.ingest.replay;

import io.sluice.ingest.shard.ShardBlock;
import io.sluice.ingest.shard.ShardHead;
import io.sluice.ingest.shard.ShardLog;
import java.io.IOException;
import java.io.Serializable;

/**
 * The shard log's state in a canonical savepoint ({@link SavepointKeyedState}): a shard's head, and its blocks streamed
 * in offset order out of the one key group that holds the shard. The blocks are a map state keyed by a block's first
 * offset, serialized big endian, so the RocksDB state backend's key order is offset order; a savepoint of the heap
 * state backend has them unordered, and {@link Blocks#next} fails with the reason rather than emit records out of order
 * (so it does for blocks that overlap, which a consistent snapshot never holds). A shard's blocks end where another
 * key's entries (or another state's) begin, so the walk stops there, not at the end of the key group.
 */
final class ShardLogKeyGroups implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SavepointKeyedState state;

    ShardLogKeyGroups(SavepointKeyedState state) {
        this.state = state;
    }

    /** The head of the shard {@code shardKey}, or null when the shard never received a record. */
    ShardHead head(String shardKey) throws IOException {
        try (SavepointKeyedState.Entries entries = state.keyGroupOf(shardKey)) {
            while (entries.next()) {
                if (entries.stateName().equals(ShardLog.HEAD_STATE) && shardKey.equals(entries.key())) {
                    return (ShardHead) entries.value();
                }
            }
            return null;
        }
    }

    /** The blocks of the shard {@code shardKey}, in the order of their first offsets. Close it. */
    Blocks blocks(String shardKey) throws IOException {
        return new Blocks(shardKey, state.keyGroupOf(shardKey));
    }

    /** One shard's blocks, streamed: {@link #next} moves to the next block (first offset ascending). */
    static final class Blocks implements AutoCloseable {
        private final String shardKey;
        private final SavepointKeyedState.Entries entries;
        private long start = -1;
        private long end = -1;
        private boolean ended;
        private byte[] bytes;
        private int at;

        private Blocks(String shardKey, SavepointKeyedState.Entries entries) {
            this.shardKey = shardKey;
            this.entries = entries;
        }

        boolean next() throws IOException {
            while (!ended && entries.next()) {
                boolean ours = entries.stateName().equals(ShardLog.BLOCKS_STATE) && shardKey.equals(entries.key());
                if (!ours) {
                    // A state's entries of one key are contiguous: past the shard's run of blocks, nothing more is ours.
                    ended = start >= 0;
                    continue;
                }
                long next = (Long) entries.userKey();
                if (next <= start) {
                    throw new IOException("The blocks of " + shardKey + " are not in offset order in this savepoint (block "
                            + next + " after " + start + "): it was not taken with the RocksDB state backend. Restore it into the"
                            + " ingest job running on RocksDB (state.backend.type: rocksdb, Sluice's default) and take a new savepoint");
                }
                if (next < end) {
                    // A consistent snapshot's blocks never overlap; the block index would tell which one counts, and
                    // this reader does not read it: refuse rather than emit records that another block replaced.
                    throw new IOException("The blocks of " + shardKey + " overlap in this savepoint (block " + next
                            + " starts inside the block at " + start + ", which ends at " + end + ")");
                }
                start = next;
                bytes = entries.rawValue();
                at = entries.byteArrayOffset();
                if (at < 0) {
                    bytes = (byte[]) entries.value();
                    at = 0;
                }
                end = start + ShardBlock.countOf(bytes, at);
                return true;
            }
            return false;
        }

        long start() {
            return start;
        }

        /** The bytes that hold the block, from {@link #at}: the savepoint's value itself, not a copy. */
        byte[] bytes() {
            return bytes;
        }

        /** Where in {@link #bytes} the block starts. */
        int at() {
            return at;
        }

        @Override
        public void close() throws IOException {
            entries.close();
        }
    }
}
