package io.sluice.ingest.replay;

import java.net.URI;
import io.sluice.common.http.HttpSourceOptions;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;

/**
 * Parses {@code --to}: {@code files:PATH} (JSON lines; {@code files:PATH?format=parquet} for Parquet),
 * {@code stream:NAME} and {@code firehose:NAME} (at the embedded run's endpoints, {@code sluice.http.port} and
 * {@code sluice.firehose.http.port} on localhost, or {@code ?endpoint=URL}). An unknown scheme or option is a
 * {@link ReplayException} that lists the known ones. {@code count} writes nothing and reports the records read.
 */
public final class ReplayTargets {

    static final String KNOWN = "files:PATH (JSON lines), files:PATH?format=parquet, stream:NAME[?endpoint=URL], firehose:NAME[?endpoint=URL],"
            + " count (write nothing)";

    private ReplayTargets() {}

    public static ReplayTarget parse(String spec, Configuration conf) throws ReplayException {
        if (spec == null || spec.isBlank()) {
            throw new ReplayException("--to is required: one of " + KNOWN);
        }
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        switch (scheme) {
            case "files":
                return files(rest);
            case "stream":
                return new StreamTarget(name(spec, rest), endpoint(rest, conf.get(HttpSourceOptions.STREAMS.port)));
            case "firehose":
                return new FirehoseTarget(name(spec, rest), endpoint(rest, conf.get(HttpSourceOptions.FIREHOSE.port)));
            case "count":
                if (!rest.isEmpty()) {
                    throw new ReplayException("count takes nothing after it: --to=count");
                }
                return new CountTarget();
            default:
                break;
        }
        throw new ReplayException("Unknown target " + spec + ": use one of " + KNOWN);
    }

    private static String name(String spec, String rest) throws ReplayException {
        String name = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (name.isEmpty()) {
            throw new ReplayException(spec + " names no stream: " + spec.substring(0, spec.indexOf(':') + 1) + "NAME");
        }
        return name;
    }

    /** {@code ?endpoint=URL}, else the embedded run's endpoint on localhost at {@code port}. */
    private static URI endpoint(String rest, int port) throws ReplayException {
        if (!rest.contains("?")) {
            return URI.create("http://localhost:" + port);
        }
        String option = rest.substring(rest.indexOf('?') + 1);
        if (!option.startsWith("endpoint=") || !option.substring("endpoint=".length()).startsWith("http")) {
            throw new ReplayException("Unknown option " + option + ": the one option is endpoint=http://HOST:PORT");
        }
        return URI.create(option.substring("endpoint=".length()));
    }

    private static ReplayTarget files(String rest) throws ReplayException {
        String path = rest;
        ReplayFileFormat format = ReplayFileFormat.JSON_LINES;
        int query = rest.indexOf('?');
        if (query >= 0) {
            path = rest.substring(0, query);
            String option = rest.substring(query + 1);
            if (!option.startsWith("format=")) {
                throw new ReplayException("Unknown option " + option + " of files:PATH: the one option is format=json|parquet");
            }
            format = ReplayFileFormat.parse(option.substring("format=".length()).toLowerCase(Locale.ROOT));
        }
        if (path.isEmpty()) {
            throw new ReplayException("files: needs a directory to write into (files:/tmp/replayed)");
        }
        URI uri = URI.create(path.contains("://") || path.startsWith("file:") ? path : java.nio.file.Path.of(path).toAbsolutePath().toUri().toString());
        return new FilesTarget(uri, format);
    }
}
