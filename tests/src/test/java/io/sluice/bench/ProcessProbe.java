package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the server's process from outside through {@code /proc}: CPU time used over the measured
 * window (reported in cores) and the peak resident set size sampled every 200 ms during it.
 */
final class ProcessProbe implements AutoCloseable {

    private final long pid;
    private final long ticksPerSecond;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile long peakRssKib;
    private long startTicks;
    private long startNanos;

    ProcessProbe(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicksPerSecond();
        if (!Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            throw new IllegalArgumentException("No process " + pid + " to watch");
        }
    }

    /** Starts the window: CPU is counted from here, RSS sampled from here. */
    void start() {
        startTicks = cpuTicks();
        startNanos = System.nanoTime();
        peakRssKib = rssKib();
        sampler.scheduleAtFixedRate(() -> peakRssKib = Math.max(peakRssKib, rssKib()), 200, 200, TimeUnit.MILLISECONDS);
    }

    /** CPU cores the process used on average since {@link #start()}. */
    double cpuCores() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (cpuTicks() - startTicks) / (double) ticksPerSecond / seconds;
    }

    double peakRssMiB() {
        return Math.max(peakRssKib, rssKib()) / 1024.0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private long cpuTicks() {
        String stat = read("stat");
        // Fields after the command name (which may hold spaces) start at field 3 (state); utime is 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private long rssKib() {
        try {
            for (String line : read("status").split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (UncheckedIOException e) {
            // the process is gone: keep the last peak
        }
        return 0;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU seconds the whole machine has been busy since boot (all cores, {@code /proc/stat}: user, nice, system,
     * irq and softirq time): over a window, the load of every process, ours and others' (other builds on a shared
     * machine).
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 8); i++) { // user nice system idle iowait irq softirq
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
            }
            return busy / (double) clockTicksPerSecond();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU time this process (the load generator) has used, in nanoseconds. */
    static long ownCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * Bytes of the files under {@code dir}, as retained state on disk. A running server deletes files
     * while the walk goes (subsumed checkpoints, compacted SST files): a walk that trips over one is
     * tried again.
     */
    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (IOException e) {
                        return 0; // deleted between listing and sizing
                    }
                }).sum();
            } catch (IOException | UncheckedIOException e) {
                // a directory vanished while walked: walk again
            }
        }
        return -1;
    }
}
