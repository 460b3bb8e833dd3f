package io.sluice.common.http;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The HTTP source's enumerator: readers need no splits, so it has nothing to do. */
final class EndpointEnumerator implements SplitEnumerator<EndpointSplit, Void> {

    /** Checkpoint serializer for the (empty) enumerator state. */
    static final SimpleVersionedSerializer<Void> STATE_SERIALIZER =
            new SimpleVersionedSerializer<>() {
                @Override
                public int getVersion() {
                    return 1;
                }

                @Override
                public byte[] serialize(Void obj) {
                    return new byte[0];
                }

                @Override
                public Void deserialize(int version, byte[] serialized) throws IOException {
                    if (version != 1) {
                        throw new IOException("Unknown enumerator state version " + version);
                    }
                    return null;
                }
            };

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<EndpointSplit> splits, int subtaskId) {}

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public Void snapshotState(long checkpointId) {
        return null;
    }

    @Override
    public void close() {}
}
