package io.sluice.analytics.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A SQL application: its name (the file's name without {@code .sql}; the name of its Flink job), where its statements
 * come from (for messages) and its Flink SQL statements with placeholders filled. Made from a {@code .sql} file, or
 * from statements that a program wrote (the translator of the legacy Kinesis Analytics dialect targets
 * {@link #of(String, List)}).
 */
public final class SqlApplication {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String name;
    private final String source;
    private final List<SqlStatement> statements;

    private SqlApplication(String name, String source, List<SqlStatement> statements) {
        if (!NAME.matcher(name).matches()) {
            throw new ApplicationException("'" + name + "' cannot name an application: use letters, digits, '.', '_' and '-'");
        }
        this.name = name;
        this.source = source;
        this.statements = List.copyOf(statements);
    }

    /** The application in {@code file}, named after it, its placeholders filled from {@code placeholders}. */
    public static SqlApplication fromFile(Path file, Placeholders placeholders) {
        String script;
        try {
            script = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ApplicationException(file + ": no such file");
        } catch (IOException e) {
            throw new ApplicationException(file + ": cannot be read: " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return fromScript(name, file.toString(), script, placeholders);
    }

    /** The application that {@code script} (statements separated by {@code ;}) holds; {@code source} names it in messages. */
    public static SqlApplication fromScript(String name, String source, String script, Placeholders placeholders) {
        List<SqlStatement> filled = new ArrayList<>();
        try {
            for (SqlStatement statement : StatementSplitter.split(script)) {
                filled.add(placeholders.fill(statement));
            }
        } catch (ApplicationException e) {
            throw new ApplicationException(source + " " + e.getMessage(), e);
        }
        return new SqlApplication(name, source, filled);
    }

    /** An application of single Flink SQL statements (each without its {@code ;}), numbered 1, 2, ... as "lines". */
    public static SqlApplication of(String name, List<String> statements) {
        List<SqlStatement> numbered = new ArrayList<>();
        for (String sql : statements) {
            numbered.add(new SqlStatement(sql.strip(), numbered.size() + 1));
        }
        return new SqlApplication(name, name, numbered);
    }

    public String name() {
        return name;
    }

    /** The file (or the application's name) that messages about its statements name. */
    public String source() {
        return source;
    }

    public List<SqlStatement> statements() {
        return statements;
    }
}
