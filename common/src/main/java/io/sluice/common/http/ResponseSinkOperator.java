package io.sluice.common.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of every call's path: joins multi-part answers, then hands each answer to the
 * {@link Endpoint} of the source reader that accepted the call (same JVM, enforced by co-location).
 *
 * <p>In {@link AckMode#DURABLE} answers wait for the checkpoint after them: answers that arrive before
 * checkpoint n's barrier are released by {@code notifyCheckpointComplete(n)} (a {@linkplain ApiReply#settled settled}
 * answer, which reflects only what a completed checkpoint already holds, goes at once), so every answer reflects
 * state that a completed checkpoint holds. Waiting answers are not state; after a failure their calls
 * are gone with the reader that held their connections.
 */
public final class ResponseSinkOperator extends AbstractStreamOperator<Void> implements OneInputStreamOperator<ApiReply, Void> {

    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResponseSinkOperator.class);

    private final AckMode ackMode;
    private final ReplyAssembler assembler;

    private transient Map<PartsKey, List<byte[]>> partial;
    private transient List<ApiReply> ready;
    private transient TreeMap<Long, List<ApiReply>> awaitingCheckpoint;
    private transient Counter undeliverable;

    public ResponseSinkOperator(AckMode ackMode, ReplyAssembler assembler) {
        this.ackMode = ackMode;
        this.assembler = assembler;
    }

    @Override
    public void open() throws Exception {
        super.open();
        partial = new HashMap<>();
        ready = new ArrayList<>();
        awaitingCheckpoint = new TreeMap<>();
        undeliverable = getMetricGroup().counter("undeliverableReplies");
        assembler.open(getMetricGroup());
    }

    @Override
    public void processElement(StreamRecord<ApiReply> element) {
        ApiReply reply = element.getValue();
        if (reply.isPart()) {
            reply = join(reply);
            if (reply == null) {
                return;
            }
        }
        if (ackMode == AckMode.ON_APPEND || reply.settled()) {
            deliver(reply);
        } else {
            ready.add(reply);
        }
    }

    private ApiReply join(ApiReply part) {
        PartsKey key = new PartsKey(part.ref().endpoint(), part.ref().callId());
        List<byte[]> parts = partial.computeIfAbsent(key, k -> new ArrayList<>(part.partCount()));
        parts.add(part.body());
        if (parts.size() < part.partCount()) {
            return null;
        }
        partial.remove(key);
        return assembler.assemble(part.ref(), part.partKind(), parts);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (!ready.isEmpty()) {
            awaitingCheckpoint.put(context.getCheckpointId(), ready);
            ready = new ArrayList<>();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        Iterator<Map.Entry<Long, List<ApiReply>>> released = awaitingCheckpoint.headMap(checkpointId, true).entrySet().iterator();
        while (released.hasNext()) {
            released.next().getValue().forEach(this::deliver);
            released.remove();
        }
    }

    private void deliver(ApiReply reply) {
        Endpoint endpoint = ResponseRegistry.lookup(reply.ref().endpoint());
        if (endpoint == null) {
            // Normal for answers to a reader that stopped (failover); anything else means broken co-location.
            undeliverable.inc();
            LOG.debug("No endpoint {} in this JVM for call {}", reply.ref().endpoint(), reply.ref().callId());
            return;
        }
        endpoint.complete(reply.ref().callId(), reply.status(), reply.errorType(), reply.body());
    }

    private record PartsKey(long endpoint, long callId) {}
}
