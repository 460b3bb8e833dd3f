package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destination's {@code ProcessingConfiguration}: the processors records go through before they are
 * written, in order. Sluice serves {@code Lambda} (a configured function, see {@code TransformFunctions})
 * and {@code AppendDelimiterToRecord}; the other processor types are refused until served.
 */
public record Processing(boolean enabled, List<Processor> processors) {

    public static final Processing NONE = new Processing(false, List.of());

    /** The processor types of the Firehose API. */
    public enum Type {
        RecordDeAggregation,
        Decompression,
        CloudWatchLogProcessing,
        Lambda,
        MetadataExtraction,
        AppendDelimiterToRecord
    }

    /** One processor: its type and its parameters by name. */
    public record Processor(Type type, Map<String, String> parameters) {

        /** {@code LambdaArn} of a Lambda processor. */
        public String lambdaArn() {
            return parameters.get("LambdaArn");
        }

        /** {@code NumberOfRetries} (default 3). */
        public int numberOfRetries() {
            return Integer.parseInt(parameters.getOrDefault("NumberOfRetries", "3"));
        }

        /** {@code BufferSizeInMBs} in bytes (default 1 MB): the data one invocation gets. */
        public long bufferSizeBytes() {
            return new BigDecimal(parameters.getOrDefault("BufferSizeInMBs", "1")).movePointRight(6).longValue();
        }

        /** {@code BufferIntervalInSeconds} (default 60). */
        public int bufferIntervalSeconds() {
            return Integer.parseInt(parameters.getOrDefault("BufferIntervalInSeconds", "60"));
        }
    }

    /** Whether records go through processors at all. */
    public boolean active() {
        return enabled && !processors.isEmpty();
    }

    /** The Lambda processor, or {@code null}. */
    public Processor lambda() {
        for (Processor p : processors) {
            if (p.type() == Type.Lambda) {
                return p;
            }
        }
        return null;
    }

    /** Whether an {@code AppendDelimiterToRecord} processor adds a newline to every record. */
    public boolean appendsDelimiter() {
        return processors.stream().anyMatch(p -> p.type() == Type.AppendDelimiterToRecord);
    }

    /** Reads and checks a {@code ProcessingConfiguration} member (absent: {@code current}). */
    static Processing read(RequestReader r, String path, Processing current, Violations v) {
        RequestReader config = r.struct("ProcessingConfiguration");
        if (config == null) {
            return current;
        }
        Boolean enabled = config.bool("Enabled");
        List<RequestReader> items = config.structList("Processors");
        List<Processor> processors = new ArrayList<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                processors.add(processor(items.get(i), path + ".processingConfiguration.processors." + (i + 1) + ".member", v));
            }
        }
        v.throwIfAny();
        Processing processing = new Processing(enabled == null ? !processors.isEmpty() : enabled, List.copyOf(processors));
        processing.checkServed();
        return processing;
    }

    private static Processor processor(RequestReader p, String path, Violations v) {
        String typeName = p.string("Type");
        if (typeName == null) {
            v.required(path + ".type");
        }
        Type type = MemberChecks.enumValue(v, typeName, path + ".type", Type.class);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<RequestReader> items = p.structList("Parameters");
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + ".parameters." + (i + 1) + ".member";
                String name = items.get(i).string("ParameterName");
                String value = items.get(i).string("ParameterValue");
                if (name == null) {
                    v.required(itemPath + ".parameterName");
                }
                if (value == null) {
                    v.required(itemPath + ".parameterValue");
                }
                MemberChecks.length(v, value, itemPath + ".parameterValue", 1, 5120);
                if (name != null && value != null) {
                    parameters.put(name, value);
                }
            }
        }
        return new Processor(type, parameters);
    }

    private void checkServed() {
        if (!enabled) {
            return;
        }
        int lambdas = 0;
        for (Processor p : processors) {
            switch (p.type()) {
                case Lambda -> {
                    lambdas++;
                    checkLambda(p);
                }
                case AppendDelimiterToRecord -> { }
                default -> throw new InvalidArgumentException("Sluice does not serve the " + p.type() + " processor yet;"
                        + " it serves Lambda and AppendDelimiterToRecord.");
            }
        }
        if (lambdas > 1) {
            throw new InvalidArgumentException("Only one Lambda processor is allowed.");
        }
    }

    private static void checkLambda(Processor p) {
        if (p.lambdaArn() == null) {
            throw new InvalidArgumentException("The Lambda processor requires the LambdaArn parameter.");
        }
        for (String name : p.parameters().keySet()) {
            if (!List.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds").contains(name)) {
                throw new InvalidArgumentException("Parameter " + name + " is not valid for the Lambda processor.");
            }
        }
        try {
            int retries = p.numberOfRetries();
            if (retries < 0 || retries > 300) {
                throw new InvalidArgumentException("NumberOfRetries must be from 0 to 300, not " + retries + ".");
            }
            long size = p.bufferSizeBytes();
            if (size < 200_000 || size > 3_000_000) {
                throw new InvalidArgumentException("BufferSizeInMBs of the Lambda processor must be from 0.2 to 3.");
            }
            int interval = p.bufferIntervalSeconds();
            if (interval < 0 || interval > 900) {
                throw new InvalidArgumentException("BufferIntervalInSeconds of the Lambda processor must be from 0 to 900.");
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("A Lambda processor parameter is not a number: " + e.getMessage());
        }
    }
}
