package io.sluice.ingest.replay;

import io.sluice.ingest.catalog.StreamCatalog;
import io.sluice.ingest.catalog.StreamMetadata;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/** Reads each stream's metadata (shards, hash ranges, lineage) out of the ingest job's {@link StreamCatalog} state: small, one value a key. */
public final class StreamCatalogReadFunction extends KeyedStateReaderFunction<String, StreamMetadata> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<StreamMetadata> stream;

    @Override
    public void open(OpenContext openContext) {
        stream = getRuntimeContext().getState(StreamCatalog.STREAM);
    }

    @Override
    public void readKey(String name, Context ctx, Collector<StreamMetadata> out) throws Exception {
        StreamMetadata metadata = stream.value();
        if (metadata != null) {
            out.collect(metadata);
        }
    }
}
