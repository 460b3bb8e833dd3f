package io.sluice.tests;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The instructions of a Dockerfile that matter for where files land in the image: {@code FROM}, {@code ARG} defaults
 * (substituted into what follows, as {@code docker build} does without {@code --build-arg}) and {@code COPY}, with its
 * sources resolved against a build context directory.
 */
final class Dockerfile {

    /** One {@code COPY}: source patterns relative to the context, and the destination in the image. */
    record Copy(List<String> sources, String destination) {}

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private final List<String> from = new ArrayList<>();
    private final Map<String, String> args = new HashMap<>();
    private final List<Copy> copies = new ArrayList<>();

    static Dockerfile parse(String text) {
        Dockerfile dockerfile = new Dockerfile();
        for (String instruction : instructions(text)) {
            String[] words = instruction.trim().split("\\s+");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            List<String> operands = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("--")) {
                    operands.add(dockerfile.substitute(words[i]));
                }
            }
            switch (keyword) {
                case "FROM" -> dockerfile.from.add(operands.get(0));
                case "ARG" -> {
                    String[] arg = operands.get(0).split("=", 2);
                    dockerfile.args.put(arg[0], arg.length > 1 ? arg[1] : "");
                }
                case "COPY", "ADD" -> dockerfile.copies.add(
                        new Copy(List.copyOf(operands.subList(0, operands.size() - 1)), operands.get(operands.size() - 1)));
                default -> { }
            }
        }
        return dockerfile;
    }

    /** The images of the {@code FROM} lines, in order. */
    List<String> from() {
        return from;
    }

    Optional<String> arg(String name) {
        return Optional.ofNullable(args.get(name));
    }

    List<Copy> copies() {
        return copies;
    }

    /** The files of {@code context} that a {@code COPY} source pattern names (glob in its last part). */
    static List<Path> matches(Path context, String source) throws IOException {
        Path pattern = Path.of(source);
        Path parent = pattern.getParent() == null ? context : context.resolve(pattern.getParent());
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName())).sorted().toList();
        }
    }

    /** The context file that the image holds at {@code imagePath}, through one of the {@code COPY}s. */
    Optional<Path> sourceOf(Path context, String imagePath) throws IOException {
        for (Copy copy : copies) {
            for (String source : copy.sources()) {
                for (Path file : matches(context, source)) {
                    String destination = copy.destination().endsWith("/")
                            ? copy.destination() + file.getFileName() : copy.destination();
                    if (destination.equals(imagePath)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private String substitute(String word) {
        Matcher m = VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Lines without comments, continuation lines ({@code \} at the end) joined. */
    private static List<String> instructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString());
            }
            current.setLength(0);
        }
        return instructions;
    }
}
