package io.sluice.analytics.cli;

import io.sluice.analytics.app.ApplicationException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code bin/analytics run} remembers of each application, so that {@code resume NAME} runs the same file with the
 * same placeholders and {@code list} knows which jobs are applications: one properties file per application,
 * {@code <data-dir>/analytics/applications/NAME.properties}, holding {@code file} (absolute) and {@code placeholder.KEY}.
 */
final class ApplicationRegistry {

    private static final String FILE = "file";
    private static final String PLACEHOLDER = "placeholder.";

    private final Path dir;

    ApplicationRegistry(Path dataDir) {
        this.dir = dataDir.resolve("analytics").resolve("applications");
    }

    /** An application as it was last run. */
    record Entry(Path file, Map<String, String> placeholders) {}

    void record(String name, Entry entry) {
        Properties p = new Properties();
        p.setProperty(FILE, entry.file().toAbsolutePath().normalize().toString());
        entry.placeholders().forEach((k, v) -> p.setProperty(PLACEHOLDER + k, v));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".properties.tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "bin/analytics run: the application's file and placeholders, for resume");
            }
            Files.move(tmp, dir.resolve(name + ".properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApplicationException("cannot record application " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<Entry> find(String name) {
        Path file = dir.resolve(name + ".properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ApplicationException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> placeholders = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(PLACEHOLDER))
                .forEach(k -> placeholders.put(k.substring(PLACEHOLDER.length()), p.getProperty(k)));
        return Optional.of(new Entry(Path.of(p.getProperty(FILE)), placeholders));
    }

    /** The names of every application recorded here. */
    Set<String> names() {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties"))
                    .map(f -> f.substring(0, f.length() - ".properties".length())).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new ApplicationException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
