package io.sluice.common.connector.errors;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source reader's error output: the reader's thread {@link #add}s errors (a list append: the hot path stays
 * cheap), a background thread writes them every flush interval, and the reader {@link #flush}es before it takes a
 * checkpoint, so every error of a record that the checkpoint counts as read is written first. At least once: a
 * failover re-reads the records after the checkpoint and writes their errors again. A full buffer
 * ({@link #MAX_PENDING} errors) is written at once on the reader's thread, which back-pressures the source while the
 * output is slow; a write that fails is kept and tried again (a failing background write is logged, a failing
 * checkpoint write fails the checkpoint).
 */
public final class ErrorOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorOutput.class);
    static final int MAX_PENDING = 500;

    private final ErrorWriter writer;
    private final List<ParseError> pending = new ArrayList<>();
    /** Held while a batch is written: one write at a time, in order. */
    private final Object writing = new Object();
    private final ScheduledExecutorService flusher;

    ErrorOutput(ErrorWriter writer, Duration flushInterval) {
        this.writer = writer;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-error-output");
            t.setDaemon(true);
            return t;
        });
        long millis = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Takes an error; writes the buffer at once when it is full. */
    public void add(ParseError error) throws IOException {
        boolean full;
        synchronized (pending) {
            pending.add(error);
            full = pending.size() >= MAX_PENDING;
        }
        if (full) {
            flush();
        }
    }

    /** Writes every error taken so far before it returns. */
    public void flush() throws IOException {
        synchronized (writing) {
            List<ParseError> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            try {
                writer.write(batch);
            } catch (IOException | RuntimeException e) {
                synchronized (pending) {
                    pending.addAll(0, batch);
                }
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (Exception e) {
            LOG.warn("Could not write parse errors yet; they are kept and tried again", e);
        }
    }

    /** Stops the background writes, writes what is left (best effort: a failover reads those records again). */
    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Parse errors left unwritten at close", e);
        } finally {
            writer.close();
        }
    }
}
