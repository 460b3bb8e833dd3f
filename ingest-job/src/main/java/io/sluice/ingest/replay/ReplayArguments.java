package io.sluice.ingest.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * {@code bin/replay}'s command line: {@code --option=value} options, the {@code --deaggregate} flag, and
 * {@code key=value} configuration (Flink or Sluice options, e.g. {@code sluice.data-dir=DIR}).
 */
record ReplayArguments(Map<String, String> options, boolean deaggregate, Configuration configuration) {

    /** A command line that does not parse: {@code bin/replay} prints it with the usage and exits 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> OPTIONS = Set.of("from", "stream", "shards", "start", "end", "to", "rest");

    static ReplayArguments parse(String[] args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        boolean deaggregate = false;
        Configuration conf = new Configuration();
        for (String arg : args) {
            if (arg.equals("--deaggregate")) {
                deaggregate = true;
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (eq < 0 || eq == arg.length() - 1) {
                    throw new UsageException("--" + name + " needs a value: --" + name + "=...");
                }
                if (options.put(name, arg.substring(eq + 1)) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else if (arg.indexOf('=') > 0 && arg.substring(0, arg.indexOf('=')).contains(".")) {
                conf.setString(arg.substring(0, arg.indexOf('=')).trim(), arg.substring(arg.indexOf('=') + 1).trim());
            } else {
                throw new UsageException("unexpected argument " + arg);
            }
        }
        return new ReplayArguments(Map.copyOf(options), deaggregate, conf);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    List<String> shards() {
        return option("shards").map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
                .orElseGet(ArrayList::new);
    }
}
