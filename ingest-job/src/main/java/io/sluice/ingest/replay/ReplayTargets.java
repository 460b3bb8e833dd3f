package io.sluice.ingest.replay;

import java.net.URI;
import java.util.Locale;

/**
 * Parses {@code --to}: {@code files:PATH} (JSON lines; {@code files:PATH?format=parquet} for Parquet), and the targets
 * this build knows. An unknown scheme or format is a {@link ReplayException} that lists the known ones.
 */
public final class ReplayTargets {

    static final String KNOWN = "files:PATH (JSON lines), files:PATH?format=parquet";

    private ReplayTargets() {}

    public static ReplayTarget parse(String spec) throws ReplayException {
        if (spec == null || spec.isBlank()) {
            throw new ReplayException("--to is required: one of " + KNOWN);
        }
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? spec : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        if (scheme.equals("files")) {
            return files(rest);
        }
        throw new ReplayException("Unknown target " + spec + ": use one of " + KNOWN);
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
