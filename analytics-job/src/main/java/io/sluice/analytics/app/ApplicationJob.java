package io.sluice.analytics.app;

import io.sluice.common.job.ConfigArgs;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The analytics job jar's entry class: runs one SQL application on the Flink cluster that the jar was submitted to
 * ({@code /jars/:id/run}, README "Job jars"), as {@code bin/analytics run} does from outside.
 *
 * <p>Arguments, in any form {@link ConfigArgs} reads ({@code key=value}, {@code --key value}): {@code app} names the
 * application's {@code .sql} file, a path or URI that the JobManager reads through Flink's {@link FileSystem}
 * ({@code /opt/sluice/sql/tumbling-count.sql}, {@code s3://bucket/apps/x.sql}); a key with a {@code .} is configuration
 * on top of the cluster's {@code config.yaml}; any other key fills the application's placeholder {@code ${key}}. The
 * job is named after the file, without {@code .sql}.
 */
public final class ApplicationJob {

    /** The argument that names the application's file. */
    public static final String APP = "app";

    private ApplicationJob() {}

    public static void main(String[] args) throws IOException {
        Configuration conf = GlobalConfiguration.loadConfiguration();
        Map<String, String> placeholders = new LinkedHashMap<>();
        String file = null;
        for (String pair : ConfigArgs.pairs(args)) {
            String key = pair.substring(0, pair.indexOf('=')).trim();
            String value = pair.substring(pair.indexOf('=') + 1);
            if (key.equals(APP)) {
                file = value.trim();
            } else if (key.contains(".")) {
                conf.setString(key, value.trim());
            } else {
                placeholders.put(key, value);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("Expected app=FILE.sql (or --app FILE.sql): the application to run");
        }
        ApplicationRunner.run(read(new Path(file), Placeholders.of(placeholders)), conf);
    }

    /** The application in {@code file}, named after it (without {@code .sql}). */
    static SqlApplication read(Path file, Placeholders placeholders) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = file.getFileSystem().open(file)) {
            in.transferTo(bytes);
        } catch (FileNotFoundException e) {
            throw new ApplicationException(file + ": no such file");
        }
        String fileName = file.getName();
        String name = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return SqlApplication.fromScript(name, file.toString(), bytes.toString(StandardCharsets.UTF_8), placeholders);
    }
}
