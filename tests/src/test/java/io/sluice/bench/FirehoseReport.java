package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The report of {@code bin/bench firehose}: every run's figures (one {@link FirehoseResult} JSON per workload and
 * round, named {@code <round>-<workload>.json}) as Markdown tables, throughput and freshness, and the two
 * targets checked against them. Prints the Markdown and writes {@code report.md} beside the results.
 *
 * <p>Run: {@code java -cp ... io.sluice.bench.FirehoseReport RESULTS_DIR}.
 */
public final class FirehoseReport {

    /** One delivery stream with GZIP on must take at least this much into S3. */
    static final double TARGET_GZIP_MIB_PER_SECOND = 25;
    /** An object must be listed within the buffer interval plus this. */
    static final double TARGET_FRESHNESS_SLACK_MS = 1000;

    private FirehoseReport() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench/firehose/latest");
        List<FirehoseResult> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                runs.add(FirehoseResult.readJson(f));
                names.add(f.getFileName().toString().replaceFirst("\\.json$", ""));
            }
        }
        String markdown = markdown(runs, names);
        Files.writeString(dir.resolve("report.md"), markdown);
        System.out.print(markdown);
    }

    static String markdown(List<FirehoseResult> runs, List<String> names) {
        StringBuilder out = new StringBuilder("### Throughput\n\n");
        out.append("| run | compression | buffer | records/s | MiB/s | put p50 / p99 / p99.9 ms | objects in window | object MiB/s | "
                + "DeliveryToS3 MiB/s | all delivered | record/object bytes | errors | Sluice CPU cores | Sluice peak RSS MiB | "
                + "S3 CPU cores | S3 peak RSS MiB | generator CPU cores | others' CPU cores |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < runs.size(); i++) {
            FirehoseResult r = runs.get(i);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s MiB / %s s | %,.0f | %.2f | %s | %d | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |%n",
                    names.get(i), compression(r), r.spec().get("sizeMb"), r.spec().get("intervalSeconds"),
                    r.recordsPerSecond(), r.mibPerSecond(), latencies(r.putLatencyMs()), r.objectsInWindow(), r.objectMibPerSecond(),
                    FirehoseResult.number(r.deliveredMibPerSecond(), "%.2f"), allDelivered(r), FirehoseResult.number(r.compressionRatio(), "%.2f"),
                    r.errors() == null || r.errors().isEmpty() ? "none" : r.errors().toString(),
                    FirehoseResult.number(r.serverCpuCores(), "%.2f"), FirehoseResult.number(r.serverPeakRssMiB(), "%.0f"),
                    FirehoseResult.number(r.s3CpuCores(), "%.2f"), FirehoseResult.number(r.s3PeakRssMiB(), "%.0f"), r.generatorCpuCores(),
                    r.othersCpuCores()));
        }
        if (runs.stream().anyMatch(r -> r.freshnessPerObjectMs() != null)) {
            out.append("\n### Freshness: PutRecordBatch answered → object in a ListObjects poll\n\n");
            out.append("| run | buffer | poll ms | records/s | put p50 / p99 ms | per call p50 / p99 / max ms | per object p50 / p99 / max ms | "
                    + "calls listed before answered | calls never listed |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < runs.size(); i++) {
                FirehoseResult r = runs.get(i);
                if (r.freshnessPerObjectMs() == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s MiB / %s s | %s | %,.0f | %s | %s | %s | %d of %d | %d |%n", names.get(i),
                        r.spec().get("sizeMb"), r.spec().get("intervalSeconds"), r.spec().get("pollMillis"), r.recordsPerSecond(),
                        r.putLatencyMs() == null ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f", r.putLatencyMs().p50(), r.putLatencyMs().p99()),
                        spread(r.freshnessPerCallMs()), spread(r.freshnessPerObjectMs()), r.callsVisibleBeforeAnswer(),
                        r.freshnessPerCallMs() == null ? 0 : r.freshnessPerCallMs().count(), r.callsNotDelivered()));
            }
        }
        out.append('\n').append(targets(runs));
        return out.toString();
    }

    private static String targets(List<FirehoseResult> runs) {
        StringBuilder out = new StringBuilder("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        List<Double> gzip = runs.stream().filter(r -> "GZIP".equals(r.spec().get("compression")) && r.freshnessPerObjectMs() == null)
                .map(FirehoseResult::mibPerSecond).sorted().toList();
        if (!gzip.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| one delivery stream, GZIP on: >= %.0f MiB/s | %s MiB/s (%d runs) | %s |%n",
                    TARGET_GZIP_MIB_PER_SECOND, String.join(", ", gzip.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()),
                    gzip.size(), gzip.get(0) >= TARGET_GZIP_MIB_PER_SECOND ? "met" : "**missed**"));
        }
        for (FirehoseResult r : runs) {
            LoadResult.Percentiles p = r.freshnessPerObjectMs();
            if (p != null) {
                double limit = ((Number) r.spec().get("intervalSeconds")).doubleValue() * 1000 + TARGET_FRESHNESS_SLACK_MS;
                boolean met = p.max() <= limit && (r.callsNotDelivered() == null || r.callsNotDelivered() == 0);
                out.append(String.format(Locale.ROOT, "| object listed within interval + 1 s (%.0f ms), workload %s | max %.1f ms, p99 %.1f ms over %d objects | %s |%n",
                        limit, r.workload(), p.max(), p.p99(), p.count(), met ? "met" : "**missed**"));
            }
        }
        return out.toString();
    }

    /** The compression of the objects: the stream's CompressionFormat, or the Parquet conversion's (SNAPPY). */
    private static String compression(FirehoseResult r) {
        return "PARQUET".equals(r.spec().get("format")) ? "Parquet (SNAPPY)" : String.valueOf(r.spec().get("compression"));
    }

    /** Whether every acknowledged record was delivered: from the Parquet rows read back if any, else Sluice's counter. */
    private static String allDelivered(FirehoseResult r) {
        if (r.recordsRead() != null) {
            long missing = r.acknowledgedRecords() - r.recordsRead();
            String verdict = missing <= 0 ? "yes (rows read)" : String.format(Locale.ROOT, "**%,d of %,d missing** (rows read)", missing,
                    r.acknowledgedRecords());
            return r.duplicateRows() > 0 || r.unidentifiedRows() > 0 ? verdict + String.format(Locale.ROOT,
                    ", **%,d duplicates, %,d rows without call and seq**", r.duplicateRows(), r.unidentifiedRows()) : verdict;
        }
        if (r.deliveredRecords() == null) {
            return "n/a";
        }
        long missing = r.acknowledgedRecords() - r.deliveredRecords();
        return missing <= 0 ? "yes" : String.format(Locale.ROOT, "**%,d of %,d missing**", missing, r.acknowledgedRecords());
    }

    private static String latencies(LoadResult.Percentiles p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p.p50(), p.p99(), p.p999());
    }

    private static String spread(LoadResult.Percentiles p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p.p50(), p.p99(), p.max());
    }
}
