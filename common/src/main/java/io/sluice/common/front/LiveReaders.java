package io.sluice.common.front;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readers of one service that a front forwards to: the addresses published in its {@link ReaderDirectory}
 * ({@link #refresh()} reads them again), minus those that refused a connection lately (quarantined for a while, so a
 * stale entry of a killed reader does not black-hole clients). Hands them out round-robin, and closes the client
 * connections forwarded to a reader when it is withdrawn. Logs at INFO whenever the set it forwards to changes.
 */
final class LiveReaders {

    private static final Logger LOG = LoggerFactory.getLogger(LiveReaders.class);

    private final String service;
    private final ReaderDirectory directory;
    private final long quarantineNanos;
    private final LongSupplier nanoTime;
    private final Map<ReaderAddress, Set<Channel>> connections = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
    private final Map<ReaderAddress, Long> quarantinedUntil = new HashMap<>();
    private List<ReaderAddress> published = List.of();
    private List<ReaderAddress> lastLogged;
    private int next;

    LiveReaders(String service, ReaderDirectory directory, Duration quarantine, LongSupplier nanoTime) {
        this.service = service;
        this.directory = directory;
        this.quarantineNanos = quarantine.toNanos();
        this.nanoTime = nanoTime;
    }

    String service() {
        return service;
    }

    /** Reads the directory again; readers no longer published lose their forwarded connections. */
    void refresh() {
        List<ReaderAddress> now = directory.list(service);
        List<ReaderAddress> withdrawn = new ArrayList<>();
        synchronized (this) {
            for (ReaderAddress old : published) {
                if (!now.contains(old)) {
                    withdrawn.add(old);
                }
            }
            published = List.copyOf(now);
            quarantinedUntil.keySet().retainAll(now);
            logIfChanged();
        }
        for (ReaderAddress gone : withdrawn) {
            Set<Channel> open = connections.remove(gone);
            if (open != null && !open.isEmpty()) {
                LOG.info("{}: closing {} connection(s) forwarded to withdrawn reader {}", service, open.size(), gone);
                open.forEach(Channel::close);
            }
        }
    }

    /** The next live reader, round-robin; empty when none is published or all refused lately. */
    synchronized Optional<ReaderAddress> next() {
        List<ReaderAddress> live = live();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        next = (next + 1) % live.size();
        return Optional.of(live.get(next));
    }

    /** The published readers not in quarantine, in directory order. */
    synchronized List<ReaderAddress> live() {
        long now = nanoTime.getAsLong();
        List<ReaderAddress> live = new ArrayList<>();
        for (ReaderAddress address : published) {
            Long until = quarantinedUntil.get(address);
            if (until == null || now - until >= 0) {
                live.add(address);
            }
        }
        return live;
    }

    /** {@code address} refused a connection (or did not answer in time): skip it for the quarantine period. */
    synchronized void refused(ReaderAddress address, Throwable cause) {
        if (published.contains(address)) {
            quarantinedUntil.put(address, nanoTime.getAsLong() + quarantineNanos);
            LOG.info("{}: reader {} refused a connection ({}); skipping it for {} ms", service, address, cause.toString(),
                    quarantineNanos / 1_000_000);
            logIfChanged();
        }
    }

    /** Remembers that client connection {@code client} is forwarded to {@code address}, until it closes. */
    void track(ReaderAddress address, Channel client) {
        forwarded.computeIfAbsent(address.hostAndPort(), a -> new AtomicLong()).incrementAndGet();
        Set<Channel> open = connections.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet());
        open.add(client);
        client.closeFuture().addListener(f -> open.remove(client));
        boolean stillPublished;
        synchronized (this) {
            stillPublished = published.contains(address);
        }
        if (!stillPublished) {
            client.close();
        }
    }

    /** How many connections went to each reader ({@code host:port}) since the front started. */
    Map<String, Long> forwardedCounts() {
        Map<String, Long> counts = new HashMap<>();
        forwarded.forEach((address, n) -> counts.put(address, n.get()));
        return counts;
    }

    private void logIfChanged() {
        List<ReaderAddress> live = live();
        if (live.equals(lastLogged)) {
            return;
        }
        lastLogged = live;
        if (live.isEmpty()) {
            LOG.info("{}: no live reader; new connections wait for one", service);
        } else {
            LOG.info("{}: forwarding to {}", service, new LinkedHashSet<>(live));
        }
    }
}
