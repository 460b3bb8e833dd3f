package io.sluice.common.http;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source whose readers are HTTP servers: every API call accepted on the endpoint becomes an
 * {@link ApiCall} in the job graph. Answers come back through the co-located
 * {@link ResponseSinkOperator}; {@link HttpEndpoints#wire} connects the two.
 */
public final class HttpRequestSource implements Source<ApiCall, EndpointSplit, Void> {

    private static final long serialVersionUID = 1L;

    private final HttpEndpointSettings settings;

    public HttpRequestSource(HttpEndpointSettings settings) {
        this.settings = settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<ApiCall, EndpointSplit> createReader(SourceReaderContext context) {
        return new HttpSourceReader(settings, context);
    }

    @Override
    public SplitEnumerator<EndpointSplit, Void> createEnumerator(SplitEnumeratorContext<EndpointSplit> context) {
        return new EndpointEnumerator();
    }

    @Override
    public SplitEnumerator<EndpointSplit, Void> restoreEnumerator(SplitEnumeratorContext<EndpointSplit> context, Void checkpoint) {
        return new EndpointEnumerator();
    }

    @Override
    public SimpleVersionedSerializer<EndpointSplit> getSplitSerializer() {
        return new EndpointSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return EndpointEnumerator.STATE_SERIALIZER;
    }
}
