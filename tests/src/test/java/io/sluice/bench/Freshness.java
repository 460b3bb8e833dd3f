package io.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * End-to-end freshness of delivery: for each PutRecordBatch call answered in the measured window, the time from
 * its answer to the first bucket listing that shows the object holding its records (a call's records stay
 * together: the buffer flushes whole calls). Both orders happen: in DURABLE mode the answer and the commit both
 * wait for the same checkpoint, so an object may be listed before its calls' answers arrive and a sample may be
 * negative. Samples are kept exactly (a run has hundreds to thousands), not in a histogram.
 */
final class Freshness {

    private final MeasuredWindow window;
    private final Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> visibleAt = new ConcurrentHashMap<>();
    private final List<long[]> objects = new ArrayList<>();
    private final List<Long> objectVisibleAt = new ArrayList<>();

    Freshness(MeasuredWindow window) {
        this.window = window;
    }

    void answered(long call, long nanos) {
        answeredAt.put(call, nanos);
    }

    /** An object that a listing at {@code nanos} showed for the first time, holding records of {@code calls}. */
    synchronized void visible(long[] calls, long nanos) {
        for (long call : calls) {
            visibleAt.putIfAbsent(call, nanos);
        }
        objects.add(calls);
        objectVisibleAt.add(nanos);
    }

    /** Calls answered in the window whose object has not been listed yet. */
    long pending() {
        return answeredAt.entrySet().stream().filter(e -> window.contains(e.getValue()) && !visibleAt.containsKey(e.getKey())).count();
    }

    /** Per call answered in the window and delivered: answer → listed, in microseconds, sorted. */
    long[] perCallMicros() {
        return answeredAt.entrySet().stream()
                .filter(e -> window.contains(e.getValue()) && visibleAt.containsKey(e.getKey()))
                .mapToLong(e -> (visibleAt.get(e.getKey()) - e.getValue()) / 1000)
                .sorted().toArray();
    }

    /** Per object holding a call answered in the window: listed − the earliest answer among its calls, in µs, sorted. */
    synchronized long[] perObjectMicros() {
        long[] out = new long[objects.size()];
        int n = 0;
        for (int i = 0; i < objects.size(); i++) {
            long earliest = Long.MAX_VALUE;
            boolean inWindow = false;
            for (long call : objects.get(i)) {
                Long answered = answeredAt.get(call);
                if (answered != null) {
                    earliest = Math.min(earliest, answered);
                    inWindow |= window.contains(answered);
                }
            }
            if (inWindow) {
                out[n++] = (objectVisibleAt.get(i) - earliest) / 1000;
            }
        }
        long[] samples = Arrays.copyOf(out, n);
        Arrays.sort(samples);
        return samples;
    }
}
