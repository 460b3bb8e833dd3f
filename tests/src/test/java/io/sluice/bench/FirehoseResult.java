package io.sluice.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One Firehose benchmark run's figures: what was accepted (records/s, MiB/s of record data, put latency), what
 * was delivered (objects and their bytes as listed, and Sluice's own {@code DeliveryToS3.*} counters), whether
 * everything acknowledged was delivered, the freshness of delivery, and the CPU and peak RSS of Sluice, of the S3
 * server and of the generator; with Parquet, the rows read back from the objects (every row, the distinct records
 * among them, rows without a call and index). Written as JSON and printed as a table; {@link FirehoseReport} makes
 * the Markdown.
 * Rates are in MiB (2^20 bytes) per second, the unit of Firehose's buffering hints and quotas.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FirehoseResult(
        String system,
        String workload,
        Map<String, Object> spec,
        long records,
        double seconds,
        double recordsPerSecond,
        double mibPerSecond,
        LoadResult.Percentiles putLatencyMs,
        Map<String, Long> errors,
        long failedRecords,
        long objectsInWindow,
        double objectMibPerSecond,
        Double deliveredMibPerSecond,
        Double deliveredRecordsPerSecond,
        long acknowledgedRecords,
        Long deliveredRecords,
        Double compressionRatio,
        LoadResult.Percentiles freshnessPerCallMs,
        LoadResult.Percentiles freshnessPerObjectMs,
        Long callsVisibleBeforeAnswer,
        Long callsNotDelivered,
        Long objects,
        Long objectBytes,
        Long rowsRead,
        Long recordsRead,
        Long unidentifiedRows,
        Double serverCpuCores,
        Double serverPeakRssMiB,
        Double s3CpuCores,
        Double s3PeakRssMiB,
        double generatorCpuCores,
        double machineCpuCores) {

    static final double MIB = 1024 * 1024;

    void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        LoadResult.JSON.writeValue(file.toFile(), this);
    }

    static FirehoseResult readJson(Path file) throws IOException {
        return LoadResult.JSON.readValue(file.toFile(), FirehoseResult.class);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s / workload %s  %s%n", system, workload, spec == null ? "" : spec));
        row(out, "accepted", String.format(Locale.ROOT, "%,.0f records/s  %.2f MiB/s  (%,d records in %.1f s)", recordsPerSecond, mibPerSecond,
                records, seconds));
        row(out, "put latency ms", percentiles(putLatencyMs, "calls"));
        row(out, "delivered", String.format(Locale.ROOT, "%d objects listed in the window, %.2f MiB/s of objects; DeliveryToS3: %s MiB/s, %s records/s",
                objectsInWindow, objectMibPerSecond, number(deliveredMibPerSecond, "%.2f"), number(deliveredRecordsPerSecond, "%,.0f")));
        row(out, "all delivered", deliveredRecords == null ? "n/a (no metrics)" : String.format(Locale.ROOT,
                "%,d records acknowledged, %,d delivered after the load%s", acknowledgedRecords, deliveredRecords,
                compressionRatio == null ? "" : String.format(Locale.ROOT, "; record bytes / object bytes %.2f", compressionRatio)));
        if (objects != null) {
            row(out, "objects", String.format(Locale.ROOT, "%,d listed over the run, %.2f MiB%s", objects, objectBytes / MIB,
                    rowsRead == null ? "" : String.format(Locale.ROOT, "; Parquet rows read %,d: %,d distinct records, %,d duplicates, %,d"
                            + " without call and seq; records put / object bytes %.2f", rowsRead, recordsRead, duplicateRows(), unidentifiedRows,
                            objectBytes == 0 ? 0 : recordsRead * ((Number) spec.get("recordBytes")).doubleValue() / objectBytes)));
        }
        if (freshnessPerCallMs != null || callsNotDelivered != null) {
            row(out, "fresh per call ms", percentiles(freshnessPerCallMs, "calls") + String.format(Locale.ROOT,
                    "  (answer → listed; %d listed before answered, %d not listed)", callsVisibleBeforeAnswer, callsNotDelivered));
            row(out, "fresh per obj ms", percentiles(freshnessPerObjectMs, "objects") + "  (earliest answer of its calls → listed)");
        }
        row(out, "errors", (errors == null || errors.isEmpty() ? "none" : errors.toString())
                + (failedRecords > 0 ? "  failed records " + failedRecords : ""));
        row(out, "sluice", String.format(Locale.ROOT, "cpu %s cores  peak rss %s MiB", number(serverCpuCores, "%.2f"), number(serverPeakRssMiB, "%.0f")));
        row(out, "s3 server", String.format(Locale.ROOT, "cpu %s cores  peak rss %s MiB", number(s3CpuCores, "%.2f"), number(s3PeakRssMiB, "%.0f")));
        row(out, "generator", String.format(Locale.ROOT, "cpu %.2f cores", generatorCpuCores));
        row(out, "machine", String.format(Locale.ROOT, "cpu %.2f cores busy, of which %.2f not Sluice's, the S3 server's or the generator's",
                machineCpuCores, othersCpuCores()));
        return out.toString();
    }

    /** Rows read back more than once (null unless rows were read). */
    Long duplicateRows() {
        return rowsRead == null ? null : rowsRead - recordsRead - unidentifiedRows;
    }

    /** CPU the rest of the machine used in the window (other engineers' builds, the kernel's own work). */
    double othersCpuCores() {
        return Math.max(0, machineCpuCores - generatorCpuCores - (serverCpuCores == null ? 0 : serverCpuCores) - (s3CpuCores == null ? 0 : s3CpuCores));
    }

    private static String percentiles(LoadResult.Percentiles p, String unit) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d %s)", p.p50(), p.p99(), p.p999(),
                p.max(), p.count(), unit);
    }

    static String number(Double value, String format) {
        return value == null ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-18s %s%n", name, value));
    }
}
