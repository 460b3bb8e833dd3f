package io.sluice.analytics.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * {@code bin/analytics}'s command line: {@code COMMAND [POSITIONAL ...] [--option=value ...] [key=value ...]}. A
 * {@code key=value} whose key holds a {@code .} is configuration (a Flink or Sluice option, e.g.
 * {@code parallelism.default=2}, {@code sluice.data-dir=...}); any other fills the application's placeholder
 * {@code ${key}}.
 */
record CliArguments(String command, List<String> positional, Map<String, String> options, Configuration configuration,
        Map<String, String> placeholders) {

    /** Thrown for a command line that does not parse; {@code bin/analytics} prints it with the usage and exits 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> OPTIONS = Set.of("rest", "savepoint", "savepoint-dir");

    static CliArguments parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Configuration configuration = new Configuration();
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (!OPTIONS.contains(name) || eq < 0) {
                    throw new UsageException(OPTIONS.contains(name) ? "--" + name + " needs a value: --" + name + "=..." : "unknown option " + arg);
                }
                options.put(name, arg.substring(eq + 1));
            } else if (arg.indexOf('=') > 0) {
                String key = arg.substring(0, arg.indexOf('=')).trim();
                String value = arg.substring(arg.indexOf('=') + 1);
                if (key.contains(".")) {
                    configuration.setString(key, value.trim());
                } else {
                    placeholders.put(key, value);
                }
            } else {
                positional.add(arg);
            }
        }
        return new CliArguments(args[0], List.copyOf(positional), Map.copyOf(options), configuration, Map.copyOf(placeholders));
    }

    /** The one positional argument that {@code command} takes ({@code what} names it in the message if it is missing). */
    String single(String what) {
        if (positional.size() != 1) {
            throw new UsageException(command + " takes one " + what + (positional.isEmpty() ? ", none given" : ", not " + positional));
        }
        return positional.get(0);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** {@code --rest=HOST:PORT} as host and port, if given. */
    Optional<HostPort> rest() {
        return option("rest").map(HostPort::parse);
    }

    /** A REST address. */
    record HostPort(String host, int port) {

        static HostPort parse(String text) {
            int colon = text.lastIndexOf(':');
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (colon <= 0 || port <= 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(text.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new UsageException("--rest takes HOST:PORT (e.g. localhost:8081), not '" + text + "'");
            }
        }
    }
}
