package io.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a Java server's live heap as records pile up: every {@code every} acknowledged records it runs
 * {@code jcmd PID GC.run} then {@code GC.heap_info} and keeps the heap used after that full collection.
 * A flat series while millions of records are retained shows they live in RocksDB, not on the heap.
 */
final class HeapProbe implements AutoCloseable {

    private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private final long pid;
    private final long every;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "heap-probe");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Double> usedMiBAfterGc = new TreeMap<>();
    private long nextAt;

    HeapProbe(long pid, long every) {
        this.pid = pid;
        this.every = every;
        this.nextAt = every;
    }

    /** Called with the running count of acknowledged records; samples when it crosses the next multiple. */
    synchronized void acknowledged(long total) {
        while (total >= nextAt) {
            long at = nextAt;
            nextAt += every;
            worker.execute(() -> sample(at));
        }
    }

    synchronized Map<Long, Double> samples() {
        return new TreeMap<>(usedMiBAfterGc);
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(60, TimeUnit.SECONDS);
    }

    private void sample(long records) {
        try {
            jcmd("GC.run");
            Matcher m = USED.matcher(jcmd("GC.heap_info"));
            if (m.find()) {
                double mib = Long.parseLong(m.group(1)) / 1024.0;
                synchronized (this) {
                    usedMiBAfterGc.put(records, Math.round(mib * 10) / 10.0);
                }
            }
        } catch (IOException e) {
            System.err.println("heap probe: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
