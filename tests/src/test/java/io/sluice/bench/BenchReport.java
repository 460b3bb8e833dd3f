package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a comparison run's result files (one {@link LoadResult} JSON per system, workload and round)
 * into the report: per workload a table of every system's figures, the ratio Sluice/peer per figure,
 * and the targets checked against the measured numbers. Prints Markdown and writes
 * {@code report.md} beside the results.
 *
 * <p>Run: {@code java -cp ... io.sluice.bench.BenchReport RESULTS_DIR [CHECKPOINT_INTERVAL_MS]}; with
 * {@code half-rate FILE} it prints half of a result's records/s (the rate of the half-load runs); with
 * {@code soak-line MINUTE FILE METADATA_BYTES} one line of {@code bin/bench soak}'s table.
 */
public final class BenchReport {

    /** The systems in report order; Sluice in durable-ack mode is the one the ratios are taken for. */
    static final List<String> SYSTEMS = List.of("sluice", "sluice-on-append", "kinesalite", "kinesis-mock", "kafka");
    static final List<String> PEERS = List.of("kinesalite", "kinesis-mock", "kafka");

    private final Map<String, Map<String, LoadResult>> byWorkload = new LinkedHashMap<>();
    private final int rounds;

    private BenchReport(List<LoadResult> results) {
        Map<String, Map<String, List<LoadResult>>> all = new LinkedHashMap<>();
        int maxRounds = 0;
        for (LoadResult r : results) {
            List<LoadResult> runs = all.computeIfAbsent(r.workload(), w -> new LinkedHashMap<>()).computeIfAbsent(r.system(), s -> new ArrayList<>());
            runs.add(r);
            maxRounds = Math.max(maxRounds, runs.size());
        }
        this.rounds = maxRounds;
        for (var w : new TreeSet<>(all.keySet())) {
            Map<String, LoadResult> median = new LinkedHashMap<>();
            for (String system : orderedSystems(all.get(w).keySet())) {
                List<LoadResult> runs = new ArrayList<>(all.get(w).get(system));
                runs.sort(Comparator.comparingDouble(LoadResult::recordsPerSecond));
                median.put(system, runs.get(runs.size() / 2));
            }
            byWorkload.put(w, median);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("half-rate")) {
            System.out.println(Math.max(1, Math.round(LoadResult.readJson(Path.of(args[1])).recordsPerSecond() / 2)));
            return;
        }
        if (args.length == 4 && args[0].equals("soak-line")) {
            LoadResult r = LoadResult.readJson(Path.of(args[2]));
            System.out.printf(Locale.ROOT, "%6s  %9.0f  %10.1f  %10.1f  %12.1f  %12.2f  %21s%n", args[1], r.recordsPerSecond(),
                    r.putLatencyMs().p50(), r.putLatencyMs().p99(), r.putLatencyMs().p999(),
                    r.serverCpuCores() == null ? Double.NaN : r.serverCpuCores(), args[3]);
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench/latest");
        long checkpointMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        List<LoadResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("report")).sorted().toList()) {
                results.add(LoadResult.readJson(f));
            }
        }
        String markdown = new BenchReport(results).markdown(checkpointMs);
        Files.writeString(dir.resolve("report.md"), markdown);
        System.out.print(markdown);
    }

    String markdown(long checkpointMs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Median of %d round(s) per system and workload (by records/s).%n%n", rounds));
        for (var w : byWorkload.entrySet()) {
            out.append("### Workload ").append(w.getKey()).append(describe(w.getValue())).append("\n\n");
            out.append("| system | records/s | MB/s | put p50 ms | put p99 ms | put p99.9 ms | visibility p50 ms | visibility p99 ms | errors | server CPU cores | server peak RSS MiB | state on disk MB |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (LoadResult r : w.getValue().values()) {
                out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.system(), r.recordsPerSecond(), r.megabytesPerSecond(),
                        ms(r.putLatencyMs(), LoadResult.Percentiles::p50), ms(r.putLatencyMs(), LoadResult.Percentiles::p99),
                        ms(r.putLatencyMs(), LoadResult.Percentiles::p999),
                        ms(r.visibilityMs(), LoadResult.Percentiles::p50), ms(r.visibilityMs(), LoadResult.Percentiles::p99),
                        errors(r), r.serverCpuCores() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", r.serverCpuCores()),
                        r.serverPeakRssMiB() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", r.serverPeakRssMiB()),
                        r.stateBytesOnDisk() == null ? "n/a (memory)" : r.stateBytesOnDisk() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", r.stateBytesOnDisk() / 1e6)));
            }
            LoadResult sluice = w.getValue().get("sluice");
            if (sluice != null && PEERS.stream().anyMatch(w.getValue()::containsKey)) {
                out.append("\n| Sluice / peer | records/s | MB/s | put p50 | put p99 | put p99.9 | visibility p50 | visibility p99 | CPU | peak RSS |\n");
                out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                for (String peer : PEERS) {
                    LoadResult p = w.getValue().get(peer);
                    if (p == null) {
                        continue;
                    }
                    out.append(String.format(Locale.ROOT, "| Sluice / %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", peer,
                            ratio(sluice.recordsPerSecond(), p.recordsPerSecond()), ratio(sluice.megabytesPerSecond(), p.megabytesPerSecond()),
                            ratio(sluice.putLatencyMs(), p.putLatencyMs(), LoadResult.Percentiles::p50),
                            ratio(sluice.putLatencyMs(), p.putLatencyMs(), LoadResult.Percentiles::p99),
                            ratio(sluice.putLatencyMs(), p.putLatencyMs(), LoadResult.Percentiles::p999),
                            ratio(sluice.visibilityMs(), p.visibilityMs(), LoadResult.Percentiles::p50),
                            ratio(sluice.visibilityMs(), p.visibilityMs(), LoadResult.Percentiles::p99),
                            sluice.serverCpuCores() == null || p.serverCpuCores() == null ? "n/a" : ratio(sluice.serverCpuCores(), p.serverCpuCores()),
                            sluice.serverPeakRssMiB() == null || p.serverPeakRssMiB() == null ? "n/a" : ratio(sluice.serverPeakRssMiB(), p.serverPeakRssMiB())));
                }
                out.append("\nRatios above 1 are better for records/s and MB/s, below 1 better for latencies, CPU and RSS.\n");
            }
            out.append('\n');
        }
        out.append(targets(checkpointMs));
        return out.toString();
    }

    private String targets(long checkpointMs) {
        StringBuilder out = new StringBuilder("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        LoadResult durable = find("a", "sluice");
        LoadResult kinesalite = find("a", "kinesalite");
        if (durable != null && kinesalite != null) {
            double x = durable.recordsPerSecond() / kinesalite.recordsPerSecond();
            target(out, "durable ack: records/s on (a) >= 10x kinesalite", String.format(Locale.ROOT, "%.1fx (%,.0f vs %,.0f)", x,
                    durable.recordsPerSecond(), kinesalite.recordsPerSecond()), x >= 10);
        }
        for (String w : List.of("a", "a-half")) {
            LoadResult r = find(w, "sluice");
            if (r != null && r.putLatencyMs() != null) {
                target(out, "durable ack: put p99 <= 2x checkpoint interval (" + 2 * checkpointMs + " ms), workload " + w,
                        String.format(Locale.ROOT, "%.1f ms", r.putLatencyMs().p99()), r.putLatencyMs().p99() <= 2 * checkpointMs);
            }
        }
        LoadResult half = find("a-half", "sluice-on-append");
        if (half != null && half.putLatencyMs() != null) {
            target(out, "low latency: put p99 <= 20 ms at half of peak", String.format(Locale.ROOT, "%.1f ms at %,.0f records/s",
                    half.putLatencyMs().p99(), half.recordsPerSecond()), half.putLatencyMs().p99() <= 20);
        }
        if (half != null && half.visibilityMs() != null) {
            target(out, "low latency: visibility p99 <= 50 ms at half of peak", String.format(Locale.ROOT, "%.1f ms", half.visibilityMs().p99()),
                    half.visibilityMs().p99() <= 50);
        }
        for (var w : byWorkload.values()) {
            for (LoadResult r : w.values()) {
                if (r.heapAfterGcMiB() != null && r.heapAfterGcMiB().size() >= 2) {
                    var samples = new ArrayList<>(r.heapAfterGcMiB().entrySet());
                    double first = samples.get(0).getValue();
                    double last = samples.get(samples.size() - 1).getValue();
                    double peak = samples.stream().mapToDouble(Map.Entry::getValue).max().orElse(0);
                    target(out, "heap flat while " + String.format(Locale.ROOT, "%,d", samples.get(samples.size() - 1).getKey()) + " records are retained (" + r.system() + ")",
                            String.format(Locale.ROOT, "live heap %.0f MiB at %,d records, %.0f MiB at %,d, peak %.0f MiB", first, samples.get(0).getKey(), last,
                                    samples.get(samples.size() - 1).getKey(), peak),
                            peak <= first + Math.max(64, first * 0.25));
                }
            }
        }
        return out.toString();
    }

    private LoadResult find(String workload, String system) {
        Map<String, LoadResult> w = byWorkload.get(workload);
        return w == null ? null : w.get(system);
    }

    private static void target(StringBuilder out, String what, String measured, boolean met) {
        out.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**").append(" |\n");
    }

    private static String describe(Map<String, LoadResult> runs) {
        for (LoadResult r : runs.values()) {
            if (r.spec() != null && r.spec().containsKey("recordsPerCall")) {
                Map<String, Object> s = r.spec();
                return String.format(Locale.ROOT, ": %s, %s records x %s B per call, %s shards, keys %s, %s calls in flight%s",
                        s.get("api"), s.get("recordsPerCall"), s.get("recordBytes"), s.get("shards"), s.get("keys"), s.get("inFlight"),
                        ((Number) s.get("targetRecordsPerSecond")).longValue() > 0 ? ", target " + s.get("targetRecordsPerSecond") + " records/s" : "");
            }
        }
        return "";
    }

    private static List<String> orderedSystems(java.util.Set<String> present) {
        List<String> out = new ArrayList<>();
        SYSTEMS.stream().filter(present::contains).forEach(out::add);
        present.stream().filter(s -> !SYSTEMS.contains(s)).sorted().forEach(out::add);
        return out;
    }

    private static String ms(LoadResult.Percentiles p, Function<LoadResult.Percentiles, Double> f) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f", f.apply(p));
    }

    private static String errors(LoadResult r) {
        String errors = r.errors() == null || r.errors().isEmpty() ? "none" : r.errors().toString();
        if (r.unseenRecords() != null && r.unseenRecords() > 0) {
            errors += String.format(Locale.ROOT, "; %,d acknowledged records not read back within 30 s", r.unseenRecords());
        }
        return errors;
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String ratio(LoadResult.Percentiles a, LoadResult.Percentiles b, Function<LoadResult.Percentiles, Double> f) {
        return a == null || b == null ? "n/a" : ratio(f.apply(a), f.apply(b));
    }
}
