package io.sluice.delivery.transform;

import java.util.List;
import java.util.Map;

/**
 * A transformation's answer: for every input record, by {@code recordId}, its result, its new data
 * (for {@code Ok}) and optional partition keys ({@code metadata.partitionKeys}, for dynamic partitioning).
 */
public record TransformResponse(List<Record> records) {

    /** What became of a record. */
    public enum Result {
        Ok,
        Dropped,
        ProcessingFailed
    }

    /** One transformed record; null {@code partitionKeys} are none. */
    public record Record(String recordId, Result result, byte[] data, Map<String, String> partitionKeys) {

        public Record {
            partitionKeys = partitionKeys == null ? Map.of() : partitionKeys;
        }

        public static Record ok(String recordId, byte[] data) {
            return new Record(recordId, Result.Ok, data, Map.of());
        }

        /** An {@code Ok} record with the partition keys for {@code !{partitionKeyFromLambda:k}}. */
        public static Record ok(String recordId, byte[] data, Map<String, String> partitionKeys) {
            return new Record(recordId, Result.Ok, data, Map.copyOf(partitionKeys));
        }

        public static Record dropped(String recordId) {
            return new Record(recordId, Result.Dropped, new byte[0], Map.of());
        }

        public static Record failed(String recordId) {
            return new Record(recordId, Result.ProcessingFailed, new byte[0], Map.of());
        }
    }
}
