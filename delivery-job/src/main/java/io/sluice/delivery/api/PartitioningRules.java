package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.delivery.partition.JqException;
import io.sluice.delivery.partition.JqQuery;
import io.sluice.delivery.s3.ObjectKeys;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CreateDeliveryStream and UpdateDestination rules that tie dynamic partitioning to the processors, the
 * buffering hints and the prefixes (AWS, "Dynamic partitioning in Amazon Data Firehose"; messages in quotes are
 * AWS's own):
 * <ul>
 *   <li>without it, no {@code MetadataExtraction} or {@code RecordDeAggregation} processor, and no partition-key
 *       expression in {@code Prefix};
 *   <li>with it, {@code SizeInMBs} at least 64 and no zero buffering (interval 0), a {@code Prefix} that uses
 *       {@code !{partitionKeyFromQuery:k}} or {@code !{partitionKeyFromLambda:k}} and an {@code ErrorOutputPrefix}
 *       (the prefix rules of {@link ObjectKeys#validate});
 *   <li>the {@code MetadataExtractionQuery} is in Sluice's jq subset ({@link JqQuery}), produces exactly the
 *       {@code partitionKeyFromQuery} keys the prefix names, and {@code partitionKeyFromLambda} needs a Lambda
 *       processor.
 * </ul>
 */
final class PartitioningRules {

    /** Smallest {@code SizeInMBs} with dynamic partitioning. */
    static final int MIN_SIZE_IN_MBS = 64;

    private PartitioningRules() {}

    static void check(DynamicPartitioning dp, Processing processing, BufferingHints hints, String prefix, String errorOutputPrefix) {
        if (!dp.enabled()) {
            refusePartitioningProcessors(processing);
            ObjectKeys.validate(prefix, errorOutputPrefix, false);
            return;
        }
        if (hints.sizeInMBs() < MIN_SIZE_IN_MBS) {
            throw new InvalidArgumentException("BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
        }
        if (hints.intervalInSeconds() == 0) {
            throw new InvalidArgumentException("BufferingHints.IntervalInSeconds can't be 0 when Dynamic Partitioning is enabled:"
                    + " zero buffering is not available with dynamic partitioning.");
        }
        ObjectKeys.validate(prefix, errorOutputPrefix, true);
        checkQueryKeys(processing.metadataExtraction(), ObjectKeys.partitionKeysFromQuery(prefix));
        Set<String> lambdaKeys = ObjectKeys.partitionKeysFromLambda(prefix);
        if (!lambdaKeys.isEmpty() && processing.lambda() == null) {
            throw new InvalidArgumentException("S3 Prefix uses partitionKeyFromLambda " + new TreeSet<>(lambdaKeys)
                    + " but the ProcessingConfiguration has no Lambda processor.");
        }
    }

    /** The parsed query of a MetadataExtraction processor, refused with what Sluice's jq subset lacks. */
    static JqQuery query(Processing.Processor extraction) {
        try {
            return JqQuery.parse(extraction.metadataExtractionQuery());
        } catch (JqException e) {
            throw new InvalidArgumentException("MetadataExtractionQuery '" + extraction.metadataExtractionQuery()
                    + "' is outside the jq subset Sluice runs: " + e.getMessage() + ".");
        }
    }

    private static void checkQueryKeys(Processing.Processor extraction, Set<String> prefixKeys) {
        if (extraction == null) {
            if (!prefixKeys.isEmpty()) {
                throw new InvalidArgumentException("S3 Prefix uses partitionKeyFromQuery " + new TreeSet<>(prefixKeys)
                        + " but the ProcessingConfiguration has no MetadataExtraction processor.");
            }
            return;
        }
        Set<String> queryKeys = query(extraction).keys();
        if (!prefixKeys.containsAll(queryKeys)) {
            throw new InvalidArgumentException("MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix"
                    + " expression");
        }
        if (!queryKeys.containsAll(prefixKeys)) {
            Set<String> missing = new TreeSet<>(prefixKeys);
            missing.removeAll(queryKeys);
            throw new InvalidArgumentException("S3 Prefix expression can't contain partitionKeyFromQuery keys that the"
                    + " MetaDataExtraction JQ Query does not produce: " + missing);
        }
    }

    /** The first (in the list's order) processor that only dynamic partitioning allows is refused. */
    private static void refusePartitioningProcessors(Processing processing) {
        if (!processing.active()) {
            return;
        }
        for (Processing.Processor p : processing.processors()) {
            if (p.type() == Processing.Type.MetadataExtraction || p.type() == Processing.Type.RecordDeAggregation) {
                throw new InvalidArgumentException("class com.amazonaws.services.firehose.internal.model." + p.type()
                        + "Processor can only be present when Dynamic Partitioning is enabled.");
            }
        }
    }
}
