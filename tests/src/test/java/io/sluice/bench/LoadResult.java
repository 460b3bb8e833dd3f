package io.sluice.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run's figures, in the shape every benchmark result shares (the load generator's and the Kafka
 * ProducerPerformance wrapper's): throughput, latency percentiles, errors, and the server's CPU, peak RSS
 * and retained state. Written as JSON and printed as a table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LoadResult(
        String system,
        String workload,
        Map<String, Object> spec,
        long records,
        double seconds,
        double recordsPerSecond,
        double megabytesPerSecond,
        Percentiles putLatencyMs,
        Percentiles visibilityMs,
        Map<String, Long> errors,
        long failedRecords,
        Long unseenRecords,
        Double serverCpuCores,
        Double serverPeakRssMiB,
        Long stateBytesOnDisk,
        Map<Long, Double> heapAfterGcMiB,
        double generatorCpuCores,
        String note) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Latency percentiles in milliseconds. */
    record Percentiles(double p50, double p99, double p999, double max, long count) {

        static Percentiles ofMicros(Histogram h) {
            if (h.getTotalCount() == 0) {
                return null;
            }
            return new Percentiles(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount());
        }

        /** Nearest-rank percentiles of exact samples in microseconds, sorted ascending; they may be negative. */
        static Percentiles ofSortedMicros(long[] sorted) {
            if (sorted.length == 0) {
                return null;
            }
            return new Percentiles(ms(rank(sorted, 50)), ms(rank(sorted, 99)), ms(rank(sorted, 99.9)), ms(sorted[sorted.length - 1]),
                    sorted.length);
        }

        private static long rank(long[] sorted, double percentile) {
            return sorted[Math.max(0, (int) Math.ceil(percentile / 100 * sorted.length) - 1)];
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), this);
    }

    static LoadResult readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LoadResult.class);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s / workload %s  %s%n", system, workload, spec == null ? "" : spec));
        row(out, "accepted", String.format(Locale.ROOT, "%,.0f records/s  %.2f MB/s  (%,d records in %.1f s)", recordsPerSecond, megabytesPerSecond, records, seconds));
        row(out, "put latency ms", putLatencyMs == null ? "n/a" : String.format(Locale.ROOT, "p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d calls)",
                putLatencyMs.p50, putLatencyMs.p99, putLatencyMs.p999, putLatencyMs.max, putLatencyMs.count));
        row(out, "visibility ms", visibilityMs == null ? "n/a" : String.format(Locale.ROOT, "p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d records)",
                visibilityMs.p50, visibilityMs.p99, visibilityMs.p999, visibilityMs.max, visibilityMs.count));
        row(out, "errors", (errors == null || errors.isEmpty() ? "none" : errors.toString()) + (failedRecords > 0 ? "  failed records " + failedRecords : "")
                + (unseenRecords != null && unseenRecords != 0 ? "  acknowledged but not read back " + unseenRecords : ""));
        row(out, "server", String.format(Locale.ROOT, "cpu %s cores  peak rss %s MiB  state on disk %s",
                serverCpuCores == null ? "n/a" : String.format(Locale.ROOT, "%.2f", serverCpuCores),
                serverPeakRssMiB == null ? "n/a" : String.format(Locale.ROOT, "%.0f", serverPeakRssMiB),
                stateBytesOnDisk == null ? "n/a" : String.format(Locale.ROOT, "%.1f MB", stateBytesOnDisk / 1e6)));
        if (heapAfterGcMiB != null) {
            row(out, "heap after GC", heapAfterGcMiB.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%,d records: %.0f MiB", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        row(out, "generator", String.format(Locale.ROOT, "cpu %.2f cores", generatorCpuCores));
        if (note != null) {
            row(out, "note", note);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-16s %s%n", name, value));
    }
}
