package io.sluice.ingest.embedded;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.job.ServiceJob;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/**
 * The ports the services' HTTP endpoints bind in one process: service s's reader i binds its port + i, so
 * two services whose ranges meet would take each other's ports (Streams readers on the Firehose port).
 * Such a configuration is refused before anything starts, and so is {@code same-port} with more than one reader
 * (they would all bind one port of this one host).
 */
final class EndpointPorts {

    private EndpointPorts() {}

    static void check(Configuration conf, List<ServiceJob> services) {
        for (ServiceJob service : services) {
            HttpSourceOptions options = service.httpOptions();
            if (conf.get(options.samePort) && conf.get(options.port) != 0 && service.endpoints(conf) > 1) {
                throw new IllegalArgumentException(options.samePort.key() + " is for one reader per host (Kubernetes pods); in one"
                        + " process the " + service.endpoints(conf) + " readers of " + service.jobName() + " would all bind port "
                        + conf.get(options.port) + ". Leave it false here.");
            }
        }
        for (int a = 0; a < services.size(); a++) {
            for (int b = a + 1; b < services.size(); b++) {
                Range ra = range(conf, services.get(a));
                Range rb = range(conf, services.get(b));
                if (ra.first() != 0 && rb.first() != 0 && ra.first() <= rb.last() && rb.first() <= ra.last()) {
                    throw new IllegalArgumentException(String.format(
                            "The %s endpoints would use ports %d-%d (%s, %s) and the %s endpoints ports %d-%d (%s, %s):"
                                    + " they overlap. Move one of them.",
                            services.get(a).jobName(), ra.first(), ra.last(), ra.portKey(), ra.countKey(),
                            services.get(b).jobName(), rb.first(), rb.last(), rb.portKey(), rb.countKey()));
                }
            }
        }
    }

    /** The services' endpoints for the start-up log line, e.g. "sluice-ingest on port 4567, sluice-firehose on port 4573". */
    static String describe(Configuration conf, List<ServiceJob> services) {
        return services.stream().map(s -> s.jobName() + " on port " + conf.get(s.httpOptions().port)).collect(Collectors.joining(", "));
    }

    private static Range range(Configuration conf, ServiceJob service) {
        HttpSourceOptions options = service.httpOptions();
        int first = conf.get(options.port);
        int count = Math.max(1, service.endpoints(conf));
        return new Range(first, first + count - 1, options.port.key(), options.port.key().replace(".port", ".endpoints"));
    }

    private record Range(int first, int last, String portKey, String countKey) {}
}
