package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A destination's {@code ProcessingConfiguration}: the processors records go through before they are
 * written. Sluice serves {@code RecordDeAggregation}, {@code Lambda} (a configured function, see
 * {@code TransformFunctions}), {@code MetadataExtraction} and {@code AppendDelimiterToRecord}, each at most
 * once, and runs them in that order whatever the order of the list (see {@code RecordProcessing});
 * {@code Decompression} and {@code CloudWatchLogProcessing} are refused until served. The checks here are
 * those of one processor; those that involve dynamic partitioning and the prefix are
 * {@link PartitioningRules}'s. Messages in quotes below are AWS's.
 */
public record Processing(boolean enabled, List<Processor> processors) {

    public static final Processing NONE = new Processing(false, List.of());

    /** Most processors one configuration may have. */
    static final int MAX_PROCESSORS = 5;

    /** The processor types of the Firehose API. */
    public enum Type {
        RecordDeAggregation,
        Decompression,
        CloudWatchLogProcessing,
        Lambda,
        MetadataExtraction,
        AppendDelimiterToRecord
    }

    /** The processor parameter names of the Firehose API ({@code ProcessorParameterName}). */
    enum ParameterName {
        LambdaArn,
        NumberOfRetries,
        MetadataExtractionQuery,
        JsonParsingEngine,
        RoleArn,
        BufferSizeInMBs,
        BufferIntervalInSeconds,
        SubRecordType,
        Delimiter,
        CompressionFormat,
        DataMessageExtraction
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

        /** {@code MetadataExtractionQuery} of a MetadataExtraction processor. */
        public String metadataExtractionQuery() {
            return parameters.get("MetadataExtractionQuery");
        }

        /** {@code SubRecordType} of a RecordDeAggregation processor: {@code JSON} or {@code DELIMITED}. */
        public String subRecordType() {
            return parameters.get("SubRecordType");
        }

        /** The decoded {@code Delimiter} (given in base64) of a {@code DELIMITED} RecordDeAggregation processor. */
        public byte[] delimiter() {
            return Base64.getDecoder().decode(parameters.get("Delimiter"));
        }
    }

    /** Whether records go through processors at all. */
    public boolean active() {
        return enabled && !processors.isEmpty();
    }

    /** The Lambda processor, or {@code null}. */
    public Processor lambda() {
        return find(Type.Lambda);
    }

    /** The MetadataExtraction processor, or {@code null}. */
    public Processor metadataExtraction() {
        return find(Type.MetadataExtraction);
    }

    /** The RecordDeAggregation processor, or {@code null}. */
    public Processor deAggregation() {
        return find(Type.RecordDeAggregation);
    }

    /** Whether an {@code AppendDelimiterToRecord} processor adds a newline to every record. */
    public boolean appendsDelimiter() {
        return find(Type.AppendDelimiterToRecord) != null;
    }

    /** The active processor of {@code type}, or {@code null}. */
    public Processor find(Type type) {
        if (!active()) {
            return null;
        }
        for (Processor p : processors) {
            if (p.type() == type) {
                return p;
            }
        }
        return null;
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
        processing.check();
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
                MemberChecks.enumValue(v, name, itemPath + ".parameterName", ParameterName.class);
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

    private void check() {
        if (!enabled) {
            return;
        }
        if (processors.isEmpty() || processors.size() > MAX_PROCESSORS) {
            throw new InvalidArgumentException(
                    "A maximum of 5 and a minimum of 1 processor needs to be supplied when processing is enabled.");
        }
        Map<Type, Integer> counts = new EnumMap<>(Type.class);
        for (Processor p : processors) {
            if (counts.merge(p.type(), 1, Integer::sum) > 1) {
                throw new InvalidArgumentException("Cannot have more than 1 " + p.type() + " processor.");
            }
            switch (p.type()) {
                case Lambda -> checkLambda(p);
                case MetadataExtraction -> checkMetadataExtraction(p);
                case RecordDeAggregation -> checkDeAggregation(p);
                case AppendDelimiterToRecord -> checkParameters(p, List.of("Delimiter"));
                default -> throw new InvalidArgumentException("Sluice does not serve the " + p.type() + " processor yet;"
                        + " it serves RecordDeAggregation, Lambda, MetadataExtraction and AppendDelimiterToRecord.");
            }
        }
    }

    private static void checkLambda(Processor p) {
        if (p.lambdaArn() == null) {
            throw new InvalidArgumentException("LambdaArn is required when Lambda processor is used.");
        }
        checkParameters(p, List.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"));
        if (p.parameters().containsKey("BufferSizeInMBs") != p.parameters().containsKey("BufferIntervalInSeconds")) {
            throw new InvalidArgumentException(
                    "Both BufferSizeInMBs and BufferIntervalInSeconds are required to configure buffering for lambda processor.");
        }
        try {
            int retries = p.numberOfRetries();
            if (retries < 0 || retries > 300) {
                throw new InvalidArgumentException("Number of retries for lambda must be between 0 and 300.");
            }
            long size = p.bufferSizeBytes();
            if (size < 200_000 || size > 3_000_000) {
                throw new InvalidArgumentException("BufferSizeInMBs for lambda processor must be between 0.2 and 3.");
            }
            int interval = p.bufferIntervalSeconds();
            if (interval < 0 || interval > 900) {
                throw new InvalidArgumentException("BufferIntervalInSeconds for lambda processor must be between 0 and 900.");
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("A Lambda processor parameter is not a number: " + e.getMessage());
        }
    }

    /** The query itself is parsed by {@link PartitioningRules}, which needs it with the prefix. */
    private static void checkMetadataExtraction(Processor p) {
        checkParameters(p, List.of("MetadataExtractionQuery", "JsonParsingEngine"));
        if (!"JQ-1.6".equals(p.parameters().get("JsonParsingEngine"))) {
            throw new InvalidArgumentException("MetaDataExtraction JSON Parsing Engine has to be one of JQ-1.6");
        }
        if (p.metadataExtractionQuery() == null) {
            throw new InvalidArgumentException("MetadataExtractionQuery is required when MetadataExtraction processor is used.");
        }
    }

    private static void checkDeAggregation(Processor p) {
        checkParameters(p, List.of("SubRecordType", "Delimiter"));
        String type = p.subRecordType();
        if (!"JSON".equals(type) && !"DELIMITED".equals(type)) {
            throw new InvalidArgumentException("SubRecordType has to be one of JSON, DELIMITED");
        }
        if ("DELIMITED".equals(type)) {
            if (!p.parameters().containsKey("Delimiter")) {
                throw new InvalidArgumentException("Delimiter should be present for DELIMITED");
            }
            byte[] delimiter;
            try {
                delimiter = p.delimiter();
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("Delimiter must be base64-encoded: " + e.getMessage());
            }
            if (delimiter.length == 0) {
                throw new InvalidArgumentException("Delimiter must not be empty.");
            }
        }
    }

    private static void checkParameters(Processor p, List<String> allowed) {
        for (String name : p.parameters().keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidArgumentException("Parameter " + name + " is not valid for the " + p.type() + " processor.");
            }
        }
    }
}
