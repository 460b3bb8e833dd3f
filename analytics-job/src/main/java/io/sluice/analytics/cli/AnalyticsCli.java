package io.sluice.analytics.cli;

import io.sluice.analytics.app.ApplicationException;
import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.Placeholders;
import io.sluice.analytics.app.SqlApplication;
import io.sluice.analytics.cli.CliArguments.HostPort;
import io.sluice.analytics.cli.CliArguments.UsageException;
import io.sluice.common.job.BuiltJobJar;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.table.api.StatementSet;

/**
 * {@code bin/analytics}: runs SQL applications on the embedded cluster that {@code bin/sluice} started (its Flink REST
 * API, {@code rest.port} of {@code flink-conf/config.yaml}, 8081 by default) or on the Flink cluster that
 * {@code --rest=HOST:PORT} names, and lists, stops and resumes them through Flink's REST API. See {@link #USAGE}.
 * Exit status: 0 when done, 1 on an error (its message on stderr), 2 on a command line that does not parse.
 */
public final class AnalyticsCli {

    static final String USAGE = String.join("\n",
            "usage: bin/analytics run APP.sql [--rest=HOST:PORT] [key=value ...]   submit the application; prints its job id",
            "       bin/analytics list [--rest=HOST:PORT]                           the applications' jobs: name, id, state",
            "       bin/analytics stop NAME [--rest=HOST:PORT] [--savepoint-dir=DIR] stop with a savepoint; prints its path",
            "       bin/analytics resume NAME --savepoint=PATH [--rest=HOST:PORT] [key=value ...]",
            "                                                                       run NAME's file again from the savepoint",
            "key=value: a key with a '.' is configuration (parallelism.default=2, sluice.data-dir=DIR), any other fills ${key}");

    /** How long {@code stop} waits for the savepoint. */
    static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    /** Checkpoints of an application unless {@code execution.checkpointing.interval} is given (parallelism: 1 unless given). */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** The embedded run's data directory (bin/sluice's option of the same key): where applications are recorded. */
    private static final ConfigOption<String> DATA_DIR = ConfigOptions.key("sluice.data-dir").stringType().defaultValue("sluice-data");

    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param root the directory that a relative {@code sluice.data-dir} and {@code flink-conf/} are under (the
     *     repository's root in {@code bin/analytics}); file arguments are relative to the working directory
     */
    public AnalyticsCli(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("sluice.root", "")).toAbsolutePath();
        System.exit(new AnalyticsCli(root, System.out, System.err).execute(args));
    }

    /** Runs one command; returns the exit status. */
    public int execute(String[] args) {
        try {
            CliArguments cli = CliArguments.parse(args);
            switch (cli.command()) {
                case "run":
                    run(cli, Path.of(cli.single("APP.sql file")), Map.of(), Optional.empty());
                    return 0;
                case "resume":
                    resume(cli);
                    return 0;
                case "list":
                    list(cli);
                    return 0;
                case "stop":
                    stop(cli);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + cli.command() + "'");
            }
        } catch (UsageException e) {
            err.println("bin/analytics: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ApplicationException e) {
            err.println("bin/analytics: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("bin/analytics: " + e);
            return 1;
        }
    }

    /** Submits the application in {@code file} (placeholders: {@code recorded}, then the command line's) and records it. */
    private void run(CliArguments cli, Path file, Map<String, String> recorded, Optional<String> savepoint) {
        Map<String, String> placeholders = new HashMap<>(recorded);
        placeholders.putAll(cli.placeholders());
        SqlApplication app = SqlApplication.fromFile(file, Placeholders.of(placeholders));
        Configuration conf = configuration(cli);
        HostPort rest = rest(cli, conf);
        Configuration jobConf = new Configuration(cli.configuration());
        jobConf.set(DeploymentOptions.TARGET, "remote");
        jobConf.set(RestOptions.ADDRESS, rest.host());
        jobConf.set(RestOptions.PORT, rest.port());
        if (!jobConf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            // Not the cluster's default (2 on the embedded cluster): a reader without a shard holds back the watermark.
            jobConf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        }
        if (!jobConf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            jobConf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL);
        }
        if (cli.rest().isPresent() && !jobConf.contains(PipelineOptions.JARS)) {
            // Another cluster than bin/sluice's (which has Sluice's classes): ship the analytics job jar, when built.
            BuiltJobJar.of(root, "analytics-job").ifPresent(jar -> jobConf.set(PipelineOptions.JARS, List.of(jar.toUri().toString())));
        }
        savepoint.ifPresent(path -> jobConf.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        // Planned before the cluster is asked anything: a SQL error is reported with its line even when none runs.
        StatementSet pumps = ApplicationRunner.plan(app, ApplicationRunner.environment(jobConf));
        FlinkRest flink = new FlinkRest(rest.host(), rest.port());
        Optional<FlinkRest.Job> running = flink.jobs().stream().filter(j -> j.name().equals(app.name()) && j.running()).findFirst();
        if (running.isPresent()) {
            throw new ApplicationException("application " + app.name() + " already runs as job " + running.get().id()
                    + "; stop it first (bin/analytics stop " + app.name() + ")");
        }
        String jobId = ApplicationRunner.submit(app, pumps).getJobClient()
                .orElseThrow(() -> new ApplicationException(app.source() + ": submitted, but Flink gave no job id"))
                .getJobID().toString();
        registry(conf).record(app.name(), new ApplicationRegistry.Entry(file, placeholders));
        err.println("Submitted " + app.name() + " to " + flink.base() + (savepoint.map(p -> " from " + p).orElse("")) + " as job:");
        out.println(jobId);
    }

    private void resume(CliArguments cli) {
        String name = cli.single("application NAME");
        String savepoint = cli.option("savepoint").orElseThrow(() -> new UsageException("resume needs --savepoint=PATH"));
        ApplicationRegistry.Entry entry = registry(configuration(cli)).find(name).orElseThrow(() -> new ApplicationException(
                "no application " + name + " was run with this data directory; bin/analytics run FILE.sql first"));
        run(cli, entry.file(), entry.placeholders(), Optional.of(savepoint));
    }

    private void list(CliArguments cli) {
        if (!cli.positional().isEmpty()) {
            throw new UsageException("list takes no arguments, not " + cli.positional());
        }
        Configuration conf = configuration(cli);
        Set<String> names = registry(conf).names();
        HostPort rest = rest(cli, conf);
        List<FlinkRest.Job> jobs = new FlinkRest(rest.host(), rest.port()).jobs().stream().filter(j -> names.contains(j.name())).toList();
        out.printf("%-32s %-32s %s%n", "NAME", "JOB ID", "STATE");
        for (FlinkRest.Job job : jobs) {
            out.printf("%-32s %-32s %s%n", job.name(), job.id(), job.state());
        }
    }

    private void stop(CliArguments cli) {
        String name = cli.single("application NAME");
        Configuration conf = configuration(cli);
        HostPort rest = rest(cli, conf);
        FlinkRest flink = new FlinkRest(rest.host(), rest.port());
        FlinkRest.Job job = flink.jobs().stream().filter(j -> j.name().equals(name) && j.running()).findFirst()
                .orElseThrow(() -> new ApplicationException("no running application " + name + " at " + flink.base() + " (bin/analytics list shows them)"));
        Path dir = cli.option("savepoint-dir").map(Path::of)
                .orElse(dataDir(conf).resolve("savepoints").resolve("analytics").resolve(name)).toAbsolutePath();
        String savepoint = flink.stopWithSavepoint(job.id(), dir.toUri().toString(), SAVEPOINT_TIMEOUT);
        err.println("Stopped " + name + " (job " + job.id() + ") with the savepoint:");
        out.println(savepoint);
    }

    /** {@code config.yaml} of {@code $SLUICE_CONF_DIR} (default {@code flink-conf/}), with the command line's keys on top. */
    private Configuration configuration(CliArguments cli) {
        Path dir = root.resolve(System.getenv().getOrDefault("SLUICE_CONF_DIR", "flink-conf"));
        Configuration conf = Files.isRegularFile(dir.resolve("config.yaml"))
                ? GlobalConfiguration.loadConfiguration(dir.toString())
                : new Configuration();
        conf.addAll(cli.configuration());
        return conf;
    }

    private static HostPort rest(CliArguments cli, Configuration conf) {
        return cli.rest().orElse(new HostPort("localhost", conf.get(RestOptions.PORT)));
    }

    private Path dataDir(Configuration conf) {
        return root.resolve(conf.get(DATA_DIR));
    }

    private ApplicationRegistry registry(Configuration conf) {
        return new ApplicationRegistry(dataDir(conf));
    }
}
