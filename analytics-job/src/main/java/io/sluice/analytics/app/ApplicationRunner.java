package io.sluice.analytics.app;

import io.sluice.analytics.functions.SluiceFunctions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions.UidGeneration;

/**
 * Runs a {@link SqlApplication} as one Flink job: registers Sluice's functions ({@link SluiceFunctions}), executes the
 * DDL ({@code CREATE TABLE}, {@code CREATE VIEW}, {@code CREATE FUNCTION}, ...) and {@code SET 'key' = 'value'}
 * statements in file order as they come, and gathers every {@code INSERT INTO} (the pumps) in one statement set,
 * submitted last in streaming mode as a job named after the application ({@code pipeline.name}).
 *
 * <p>Operator uids: with Flink's default {@code table.exec.uid.generation = PLAN_ONLY} a SQL job that is not a compiled
 * plan has no uids, and Flink hashes each operator from its place in the job graph, so the same statements give the same
 * operator ids in every run and a savepoint restores the windows' state. {@code ALWAYS} would be worse here: its uids
 * ({@code table.exec.uid.format}, {@code <id>_<transformation>}) take {@code <id>} from a counter that lives as long as
 * the JVM, so the same application planned after any other statement gets other uids and its state is not restored.
 * The runner sets {@code PLAN_ONLY} unless the configuration or the application chooses otherwise.
 */
public final class ApplicationRunner {

    private static final Pattern SET = Pattern.compile("SET\\s+'((?:[^']|'')+)'\\s*=\\s*'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line (\\d+), column \\d+");
    private static final Set<String> NOT_IN_APPLICATIONS = Set.of("SELECT", "WITH", "VALUES", "EXECUTE", "BEGIN", "END");

    private ApplicationRunner() {}

    /**
     * A streaming table environment whose jobs go where {@code conf} says ({@code execution.target}: {@code remote} with
     * {@code rest.address} and {@code rest.port}, or the context's cluster in a test), submitted detached.
     */
    public static TableEnvironment environment(Configuration conf) {
        Configuration withDefaults = new Configuration(conf);
        if (!withDefaults.contains(DeploymentOptions.ATTACHED)) {
            withDefaults.set(DeploymentOptions.ATTACHED, false);
        }
        return TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(withDefaults).build());
    }

    /** Runs {@code app} in a new {@link #environment(Configuration)}; returns when its job is submitted. */
    public static TableResult run(SqlApplication app, Configuration conf) {
        return run(app, environment(conf));
    }

    /** Runs {@code app} in {@code tableEnv} (streaming mode); returns the result of its one job's submission. */
    public static TableResult run(SqlApplication app, TableEnvironment tableEnv) {
        return submit(app, plan(app, tableEnv));
    }

    /** Submits the pumps that {@link #plan} returned for {@code app}: one job; returns when it is submitted. */
    public static TableResult submit(SqlApplication app, StatementSet pumps) {
        try {
            return pumps.execute();
        } catch (RuntimeException e) {
            throw new ApplicationException(app.source() + ": " + firstLines(e), e);
        }
    }

    /**
     * Everything of {@link #run} but the submission: executes the application's DDL and SET statements in
     * {@code tableEnv} and returns its pumps as one statement set, with the job's name set. A
     * {@code StreamTableEnvironment}'s set can be attached to its {@code StreamExecutionEnvironment} instead.
     */
    public static StatementSet plan(SqlApplication app, TableEnvironment tableEnv) {
        if (tableEnv.getConfig().getOptional(ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION).isEmpty()) {
            tableEnv.getConfig().set(ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION, UidGeneration.PLAN_ONLY);
        }
        SluiceFunctions.register(tableEnv);
        StatementSet pumps = tableEnv.createStatementSet();
        int pumpCount = 0;
        for (SqlStatement statement : app.statements()) {
            String keyword = statement.keyword();
            if (NOT_IN_APPLICATIONS.contains(keyword)) {
                throw new ApplicationException(where(app, statement.line()) + "an application runs DDL, SET and INSERT INTO"
                        + " statements (its pumps, which run as one job); " + keyword + " has no place in it");
            }
            try {
                if (keyword.equals("SET")) {
                    set(app, tableEnv, statement);
                } else if (keyword.equals("INSERT")) {
                    pumps.addInsertSql(statement.sql());
                    pumpCount++;
                } else {
                    tableEnv.executeSql(statement.sql());
                }
            } catch (ApplicationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ApplicationException(where(app, errorLine(statement, e)) + firstLines(e), e);
            }
        }
        if (pumpCount == 0) {
            throw new ApplicationException(app.source() + ": no INSERT INTO statement, so nothing to run");
        }
        tableEnv.getConfig().set(PipelineOptions.NAME, app.name());
        return pumps;
    }

    /** {@code SET 'key' = 'value'}: the key in the session configuration that the pumps are planned and run with. */
    private static void set(SqlApplication app, TableEnvironment tableEnv, SqlStatement statement) {
        Matcher m = SET.matcher(statement.sql());
        if (!m.matches()) {
            throw new ApplicationException(where(app, statement.line()) + "expected SET 'key' = 'value'");
        }
        tableEnv.getConfig().getConfiguration().setString(m.group(1).replace("''", "'"), m.group(2).replace("''", "'"));
    }

    private static String where(SqlApplication app, int line) {
        return app.source() + " line " + line + ": ";
    }

    /** The file line that a parser or validator message points at ("line 2, column 5" counts within the statement). */
    private static int errorLine(SqlStatement statement, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : LINE_IN_MESSAGE.matcher(t.getMessage());
            if (m != null && m.find()) {
                return statement.line() + Integer.parseInt(m.group(1)) - 1;
            }
        }
        return statement.line();
    }

    /** The exception's message and its causes' (Flink's own messages say little without the cause), one a line. */
    private static String firstLines(Throwable e) {
        StringBuilder out = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null && out.length() < 2000; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && (last == null || !last.contains(message))) {
                out.append(out.length() == 0 ? "" : "\n  caused by: ").append(message.strip());
                last = message;
            }
        }
        return out.toString();
    }
}
