package io.sluice.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a run counts, shared by the producer threads and the shard followers: put latency and
 * visibility histograms (microseconds, HdrHistogram), accepted records and bytes in the measured
 * window, every record acknowledged and seen over the whole run, and errors by AWS error code.
 */
final class Tally {

    final Recorder putLatencyMicros = new Recorder(3);
    final Recorder visibilityMicros = new Recorder(3);
    final LongAdder acceptedInWindow = new LongAdder();
    final LongAdder callsInWindow = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder seen = new LongAdder();
    final LongAdder failedRecords = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String operation, String code) {
        errors.computeIfAbsent(operation + ":" + code, k -> new LongAdder()).increment();
    }

    void error(String operation, Throwable failure) {
        String code = code(failure);
        if (!errors.containsKey(operation + ":" + code)) {
            System.err.println("first " + operation + " error " + code + ": " + failure);
        }
        error(operation, code);
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static String code(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return t.getClass().getSimpleName();
    }
}
