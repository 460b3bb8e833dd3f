package io.sluice.analytics.reference;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * The lookup side of {@code JOIN ref FOR SYSTEM_TIME AS OF s.proc_time}: each subtask holds the whole reference file in
 * memory ({@link ReferenceTable}), loaded when it opens (a file that is missing or does not decode then fails the
 * job: an empty table would drop every row silently), and a background thread checks the file's
 * {@link FileVersion} every check interval and swaps in the new table once it reads whole. A lookup is a map read
 * on the task thread; it never waits for a reload. Public because the planner accepts only public function classes.
 */
public final class ReferenceLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final DeserializationSchema<RowData> decoder;
    private final RowData.FieldGetter[] keyColumns;
    private final boolean ignoreFirstLine;
    private final Duration checkInterval;

    private transient volatile ReferenceTable table;
    private transient ScheduledExecutorService checker;

    ReferenceLookupFunction(String path, DeserializationSchema<RowData> decoder, RowData.FieldGetter[] keyColumns, boolean ignoreFirstLine,
            Duration checkInterval) {
        this.path = path;
        this.decoder = decoder;
        this.keyColumns = keyColumns.clone();
        this.ignoreFirstLine = ignoreFirstLine;
        this.checkInterval = checkInterval;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        decoder.open(new DecoderContext(context.getMetricGroup(), context.getUserCodeClassLoader()));
        ReferenceLoader loader = new ReferenceLoader(new Path(path), decoder, keyColumns, ignoreFirstLine);
        table = loader.load();
        context.getMetricGroup().gauge("referenceRows", () -> table.size());
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-reference-check " + path);
            t.setDaemon(true);
            t.setContextClassLoader(context.getUserCodeClassLoader());
            return t;
        });
        long millis = checkInterval.toMillis();
        checker.scheduleWithFixedDelay(() -> table = loader.reloadIfChanged(table), millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
        return table.lookup(keyRow);
    }

    @Override
    public void close() throws Exception {
        if (checker != null) {
            checker.shutdownNow();
            checker.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** What the format's decoder needs to open: the function's metric group and class loader. */
    private record DecoderContext(MetricGroup metrics, ClassLoader classLoader) implements DeserializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return metrics;
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(classLoader);
        }
    }
}
