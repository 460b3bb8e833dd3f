package io.sluice.common.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serializer of {@link EndpointSplit}. */
final class EndpointSplitSerializer implements SimpleVersionedSerializer<EndpointSplit> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(EndpointSplit split) {
        return ByteBuffer.allocate(4).putInt(split.index()).array();
    }

    @Override
    public EndpointSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown EndpointSplit version " + version);
        }
        return new EndpointSplit(ByteBuffer.wrap(serialized).getInt());
    }
}
