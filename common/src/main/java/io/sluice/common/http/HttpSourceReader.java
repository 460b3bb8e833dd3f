package io.sluice.common.http;

import io.sluice.common.front.ReaderAddress;
import io.sluice.common.front.ReaderDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader of the {@link HttpRequestSource}: runs one {@link ApiHttpServer} on port + subtask index
 * and emits the calls it accepts. Its {@link Endpoint} is registered in the {@link ResponseRegistry}
 * under a random incarnation id so the co-located response sink can answer. With a publish directory set, it also
 * publishes where it listens in a {@link ReaderDirectory} (for the front) and withdraws that when it closes.
 */
final class HttpSourceReader implements SourceReader<ApiCall, EndpointSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSourceReader.class);
    private static final SecureRandom IDS = new SecureRandom();

    private final HttpEndpointSettings settings;
    private final int subtask;
    private final String localHostName;
    private Endpoint endpoint;
    private ApiHttpServer server;
    private ReaderDirectory.Publication publication;

    HttpSourceReader(HttpEndpointSettings settings, SourceReaderContext context) {
        this.settings = settings;
        this.subtask = context.getIndexOfSubtask();
        this.localHostName = context.getLocalHostName();
    }

    @Override
    public void start() {
        endpoint = new Endpoint(subtask, IDS.nextLong(), settings.maxQueuedCalls(), settings.maxQueuedBytes());
        ResponseRegistry.register(endpoint);
        try {
            server = ApiHttpServer.start(settings, settings.portOf(subtask), endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the API endpoint", e);
        }
        LOG.info("Sluice API endpoint {} listening on {}:{}", subtask, settings.host(), server.port());
        if (settings.publishDir() != null) {
            publish();
        }
    }

    private void publish() {
        ReaderAddress address = new ReaderAddress(
                settings.service().id(), subtask, endpoint.id(), publishedHost(settings.host(), localHostName), server.port());
        try {
            publication = new ReaderDirectory(Path.of(settings.publishDir())).publish(address);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish reader " + address + " in " + settings.publishDir(), e);
        }
    }

    /** The host clients reach the reader at: the bound address, or the TaskManager's host when bound to all. */
    static String publishedHost(String bindHost, String taskManagerHost) {
        boolean wildcard = bindHost.isEmpty() || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]");
        return wildcard ? taskManagerHost : bindHost;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ApiCall> output) {
        ApiCall call = endpoint.poll();
        if (call == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(call);
        return endpoint.hasQueued() ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return endpoint.availability();
    }

    @Override
    public List<EndpointSplit> snapshotState(long checkpointId) {
        return List.of();
    }

    @Override
    public void addSplits(List<EndpointSplit> splits) {}

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        if (publication != null) {
            publication.close();
        }
        if (endpoint != null) {
            endpoint.close(settings.service().unavailable("The Sluice endpoint is restarting or shutting down; retry."));
        }
        if (server != null) {
            server.close();
        }
        if (endpoint != null) {
            ResponseRegistry.unregister(endpoint);
        }
    }
}
