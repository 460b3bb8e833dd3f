package io.sluice.common.front;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.sluice.common.http.HttpService;
import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.job.ConfigArgs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One address for clients of a Sluice cluster: listens on the Streams port (4567) and the Firehose port (4573) and
 * forwards each connection to one of the readers published in that service's directory
 * ({@code sluice.http.publish-dir}, {@code sluice.firehose.http.publish-dir}), whichever TaskManager runs them. Any
 * reader can take any call (its answer comes back through the response sink beside it), so the front needs no
 * knowledge of the API. A service whose directory is not set is not served.
 */
public final class SluiceFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceFront.class);

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-front-scanner");
        t.setDaemon(true);
        return t;
    });
    private final Map<HttpService, ServiceFront> fronts = new EnumMap<>(HttpService.class);

    private SluiceFront() {}

    /**
     * Starts the front for every service whose publish directory {@code conf} sets.
     *
     * @throws IllegalArgumentException when no service's directory is set
     */
    public static SluiceFront start(Configuration conf) throws InterruptedException {
        FrontSettings settings = FrontSettings.from(conf);
        SluiceFront front = new SluiceFront();
        try {
            front.serve(conf, HttpService.STREAMS, HttpSourceOptions.STREAMS, conf.get(FrontOptions.STREAMS_PORT), settings);
            front.serve(conf, HttpService.FIREHOSE, HttpSourceOptions.FIREHOSE, conf.get(FrontOptions.FIREHOSE_PORT), settings);
            if (front.fronts.isEmpty()) {
                throw new IllegalArgumentException("Set " + HttpSourceOptions.STREAMS.publishDir.key() + " or "
                        + HttpSourceOptions.FIREHOSE.publishDir.key() + ": the directory where the job's readers publish their addresses");
            }
        } catch (Exception e) { // a port that cannot be bound arrives as a (sneakily thrown) BindException
            front.close();
            throw e;
        }
        long scanMillis = Math.max(1, settings.scanInterval().toMillis());
        front.scanner.scheduleWithFixedDelay(front::refreshAll, 0, scanMillis, TimeUnit.MILLISECONDS);
        return front;
    }

    private void serve(Configuration conf, HttpService service, HttpSourceOptions options, int port, FrontSettings settings)
            throws InterruptedException {
        String dir = conf.get(options.publishDir);
        if (dir == null || dir.isBlank()) {
            return;
        }
        LiveReaders readers = new LiveReaders(service.id(), new ReaderDirectory(Path.of(dir)), settings.quarantine(), System::nanoTime);
        readers.refresh();
        ServiceFront front = new ServiceFront(conf.get(FrontOptions.HOST), port, readers, settings, boss, workers);
        fronts.put(service, front);
        LOG.info("Sluice front for {} on {}:{}, readers from {}", service.id(), conf.get(FrontOptions.HOST), front.port(), dir);
    }

    private void refreshAll() {
        for (ServiceFront front : fronts.values()) {
            try {
                front.readers().refresh();
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot read the reader directory", front.readers().service(), e);
            }
        }
    }

    /** The port the front takes {@code service}'s connections on. */
    public int port(HttpService service) {
        ServiceFront front = fronts.get(service);
        if (front == null) {
            throw new IllegalStateException("The front does not serve " + service.id());
        }
        return front.port();
    }

    /** The readers {@code service}'s connections go to now, as {@code host:port}. */
    public List<String> liveReaders(HttpService service) {
        List<String> live = new ArrayList<>();
        fronts.get(service).readers().live().forEach(a -> live.add(a.hostAndPort()));
        return live;
    }

    /** How many connections the front forwarded to each of {@code service}'s readers ({@code host:port}). */
    public Map<String, Long> connectionsForwarded(HttpService service) {
        return fronts.get(service).readers().forwardedCounts();
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        fronts.values().forEach(ServiceFront::close);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /**
     * {@code key=value} arguments (see {@link ConfigArgs}); runs until the JVM is stopped. Bad arguments print a
     * message and exit with status 2, a port that cannot be bound with status 1.
     */
    public static void main(String[] args) throws InterruptedException {
        SluiceFront front;
        try {
            front = start(ConfigArgs.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("sluice front: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("sluice front: cannot start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            front.close();
            stopped.countDown();
        }, "sluice-front-shutdown"));
        stopped.await();
    }
}
