package io.sluice.analytics.functions;

import org.apache.flink.table.api.TableEnvironment;

/**
 * The one place that names Sluice's own SQL functions (the stagger window, ...): the application runner, the SQL
 * gateway's sessions and the tests register them through {@link #register}, so a function added here is callable
 * everywhere SQL runs.
 */
public final class SluiceFunctions {

    private SluiceFunctions() {}

    /** Registers every Sluice function in {@code tableEnv} as a temporary system function. */
    public static void register(TableEnvironment tableEnv) {
        tableEnv.createTemporarySystemFunction(StaggerWindow.NAME, StaggerWindow.class);
    }
}
