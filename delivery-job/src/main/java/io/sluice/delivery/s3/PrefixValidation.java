package io.sluice.delivery.s3;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.delivery.s3.PrefixTemplate.Kind;

/**
 * The configuration-time rules for {@code Prefix} and {@code ErrorOutputPrefix} (behind
 * {@link ObjectKeys#validate}), from AWS's "Custom prefixes for Amazon S3 objects" and "Dynamic partitioning":
 * <ul>
 *   <li>each is at most {@link ObjectKeys#MAX_PREFIX_LENGTH} characters as given;
 *   <li><code>!{</code> only starts a known {@code !{namespace:value}} expression; timestamp values are valid
 *       {@code DateTimeFormatter} patterns;
 *   <li>{@code !{firehose:error-output-type}} only in ErrorOutputPrefix;
 *   <li>partition-key expressions only in Prefix, and only with dynamic partitioning; with it, Prefix has at
 *       least one (AWS's messages);
 *   <li>with dynamic partitioning both prefixes are required;
 *   <li>if Prefix has expressions, ErrorOutputPrefix is required; if either has expressions, ErrorOutputPrefix
 *       contains {@code !{firehose:error-output-type}}. A literal ErrorOutputPrefix next to a literal Prefix is
 *       accepted (AWS: "If you specify an expression for ErrorOutputPrefix, you must include ...").
 * </ul>
 */
final class PrefixValidation {

    private static final String ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";

    private PrefixValidation() {}

    static void validate(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        checkLength("Prefix", prefix);
        checkLength("ErrorOutputPrefix", errorOutputPrefix);
        PrefixTemplate data = PrefixTemplate.parse("Prefix", prefix);
        PrefixTemplate error = PrefixTemplate.parse("ErrorOutputPrefix", errorOutputPrefix);
        if (data.contains(Kind.ERROR_OUTPUT_TYPE)) {
            throw invalid("Prefix can't contain " + ERROR_OUTPUT_TYPE + "; it can only be used in ErrorOutputPrefix.");
        }
        if (error.containsPartitionKey()) {
            throw invalid("ErrorOutputPrefix can't contain partitionKeyFromQuery or partitionKeyFromLambda expressions.");
        }
        if (data.containsPartitionKey() && !dynamicPartitioning) {
            throw invalid("Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is"
                    + " enabled.");
        }
        if (dynamicPartitioning && !data.containsPartitionKey()) {
            throw invalid("S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled");
        }
        if (dynamicPartitioning && ObjectKeys.isEmpty(errorOutputPrefix)) {
            throw invalid("ErrorOutputPrefix is required when dynamic partitioning is enabled.");
        }
        if (data.hasExpressions() && ObjectKeys.isEmpty(errorOutputPrefix)) {
            throw invalid("ErrorOutputPrefix can't be null when Prefix contains expressions.");
        }
        if ((data.hasExpressions() || error.hasExpressions()) && !error.contains(Kind.ERROR_OUTPUT_TYPE)) {
            throw invalid("ErrorOutputPrefix must contain at least one " + ERROR_OUTPUT_TYPE + " expression.");
        }
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > ObjectKeys.MAX_PREFIX_LENGTH) {
            throw invalid(field + " is " + value.length() + " characters long; it can't be longer than "
                    + ObjectKeys.MAX_PREFIX_LENGTH + ".");
        }
    }

    private static InvalidArgumentException invalid(String message) {
        return new InvalidArgumentException(message);
    }
}
