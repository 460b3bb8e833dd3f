package io.sluice.common.http;

import io.sluice.common.error.ApiException;
import io.sluice.common.wire.ReplyWriter;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One incarnation of a source reader's HTTP endpoint: the calls accepted but not yet taken by the
 * job (a bounded queue), and the calls taken but not yet answered. The reader drains the queue; the
 * co-located {@link ResponseSinkOperator} answers pending calls through the {@link ResponseRegistry}.
 */
public final class Endpoint {

    private final int origin;
    private final long id;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private long queuedBytes;
    private final ArrayDeque<ApiCall> queue = new ArrayDeque<>();
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextCallId = new AtomicLong();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean closed;

    public Endpoint(int origin, long id, int maxQueued, long maxQueuedBytes) {
        this.origin = origin;
        this.id = id;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    public int origin() {
        return origin;
    }

    public long id() {
        return id;
    }

    long nextCallId() {
        return nextCallId.incrementAndGet();
    }

    /**
     * Registers a pending call and queues it for the job; false if the queue is full (by count or by
     * bytes; one call is always let in so that no size of request is refused forever) or closed.
     */
    synchronized boolean offer(ApiCall call, PendingCall pendingCall) {
        if (closed || queue.size() >= maxQueued || (!queue.isEmpty() && queuedBytes + call.body().length > maxQueuedBytes)) {
            return false;
        }
        pending.put(call.ref().callId(), pendingCall);
        queue.add(call);
        queuedBytes += call.body().length;
        available.complete(null);
        return true;
    }

    /** The next queued call, or {@code null}. */
    public synchronized ApiCall poll() {
        ApiCall call = queue.poll();
        if (call != null) {
            queuedBytes -= call.body().length;
        }
        return call;
    }

    public synchronized boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** A future that completes when a call is queued. */
    public synchronized CompletableFuture<Void> availability() {
        if (!queue.isEmpty() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        return available;
    }

    /** Answers a call; returns false when it is no longer pending (timed out, connection gone). */
    public boolean complete(long callId, int status, String errorType, byte[] body) {
        PendingCall call = pending.remove(callId);
        if (call == null) {
            return false;
        }
        call.respond(status, errorType, body);
        return true;
    }

    /** Answers a pending call with an error in its own format. */
    boolean fail(CallRef ref, ApiException e) {
        return complete(ref.callId(), e.httpStatus(), e.errorType(), ReplyWriter.error(ref.format(), e.errorType(), e.getMessage()));
    }

    /** Forgets a call whose connection closed. */
    void forget(long callId) {
        pending.remove(callId);
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Stops taking calls and answers every queued call with the given error. */
    public void close(ApiException reason) {
        ApiCall[] queued;
        synchronized (this) {
            closed = true;
            queued = queue.toArray(new ApiCall[0]);
            queue.clear();
            queuedBytes = 0;
            available.complete(null);
        }
        for (ApiCall call : queued) {
            fail(call.ref(), reason);
        }
        for (Long callId : pending.keySet().toArray(new Long[0])) {
            PendingCall call = pending.remove(callId);
            if (call != null) {
                byte[] body = ReplyWriter.error(call.format(), reason.errorType(), reason.getMessage());
                call.respond(reason.httpStatus(), reason.errorType(), body);
            }
        }
    }
}
