package io.sluice.common.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one static registry Sluice has (ARCHITECTURE.md, decision 1): it lets a
 * {@link ResponseSinkOperator} subtask find the {@link Endpoint} of the source reader that accepted a
 * call. Co-location of source subtask i and sink subtask i puts both in the same JVM; endpoints are
 * keyed by their random incarnation id, so several jobs (or restarts) in one JVM never mix.
 */
public final class ResponseRegistry {

    private static final Map<Long, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    private ResponseRegistry() {}

    static void register(Endpoint endpoint) {
        ENDPOINTS.put(endpoint.id(), endpoint);
    }

    static void unregister(Endpoint endpoint) {
        ENDPOINTS.remove(endpoint.id(), endpoint);
    }

    /** The endpoint of that incarnation, or {@code null} if it is gone (its reader stopped). */
    public static Endpoint lookup(long endpointId) {
        return ENDPOINTS.get(endpointId);
    }
}
