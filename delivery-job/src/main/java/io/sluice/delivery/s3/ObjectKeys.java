package io.sluice.delivery.s3;

import io.sluice.common.error.InvalidArgumentException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Firehose's S3 object keys, as pure functions. A key is {@code <evaluated prefix><object name>}; the name is
 * {@code <stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>}. Every time in a key (name,
 * default prefix, each {@code !{timestamp:...}}) is the one instant {@link KeyContext#oldestArrival()} in the
 * destination's {@code CustomTimeZone}.
 *
 * <p>Data prefix: a null or empty {@code Prefix} is {@code yyyy/MM/dd/HH/}. A {@code Prefix} without a
 * {@code !{timestamp:...}} expression gets {@code yyyy/MM/dd/HH/} appended as is, with no slash inserted
 * ({@code logs} gives {@code logs2018/08/27/10/}), whether it holds other expressions or none; except with
 * dynamic partitioning, where the prefix is used as evaluated: AWS's dynamic partitioning example
 * ({@code customer_id=!{partitionKeyFromQuery:customer_id}/...hour=!{partitionKeyFromQuery:hour}/}) delivers
 * to that path with no time appended.
 *
 * <p>Error prefix: a set {@code ErrorOutputPrefix} is evaluated with the same expressions plus
 * {@code !{firehose:error-output-type}}, and nothing appended (AWS's example: {@code myFirehoseFailures/!{firehose:
 * error-output-type}/} evaluates to {@code myFirehoseFailures/processing-failed/}). Without one (allowed only
 * when {@code Prefix} has no expressions) the error prefix is {@code <Prefix as given><error-output-type>/yyyy/MM/dd/HH/},
 * so {@code processing-failed/2018/08/27/10/} with no Prefix. AWS's rule text writes this
 * {@code <specified-prefix><error-output-type>YYYY/MM/DDD/HH/}, whose missing slash and day-of-year are typos next
 * to its own example ({@code myFirehosePrefix/processing-failed/2018/08/27/}).
 *
 * <p>{@code !{firehose:random-string}} is 11 lowercase hex characters, new at each use: AWS documents 11
 * characters, and its examples ({@code 5abf82daaa5}, and {@code 046b6c7f-0b}, a UUID's first 11 characters)
 * use hex digits only, apart from that UUID's hyphen, which is not reproduced.
 *
 * <p>Sources: AWS Firehose developer guide, "Custom prefixes for Amazon S3 objects" (rules and examples),
 * "Configure Amazon S3 object name format", "Dynamic partitioning" (prefix and error prefix).
 */
public final class ObjectKeys {

    /** Longest {@code Prefix} or {@code ErrorOutputPrefix} the API accepts, as configured. */
    public static final int MAX_PREFIX_LENGTH = 1024;
    /** Longest prefix after evaluation. */
    public static final int MAX_EVALUATED_PREFIX_LENGTH = 512;
    /** Length of {@code !{firehose:random-string}}. */
    public static final int RANDOM_STRING_LENGTH = 11;

    private static final DateTimeFormatter HOURLY = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/", Locale.US);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.US);
    private static final String PREFIX = "Prefix";
    private static final String ERROR_OUTPUT_PREFIX = "ErrorOutputPrefix";

    private ObjectKeys() {}

    /**
     * The key of a data object.
     *
     * @throws PrefixEvaluationException if a partition key is missing or the prefix evaluates too long
     */
    public static String dataKey(KeyContext c) {
        ZonedDateTime time = timeOf(c);
        return dataPrefix(c, time) + objectName(c, time);
    }

    /**
     * The key of an error object.
     *
     * @param errorOutputType the failure: {@code processing-failed}, {@code format-conversion-failed},
     *     {@code http-endpoint-failed}, ... (AWS also lists {@code elasticsearch-failed}, {@code splunk-failed})
     * @throws PrefixEvaluationException if the prefix evaluates too long
     */
    public static String errorKey(KeyContext c, String errorOutputType) {
        if (errorOutputType == null || errorOutputType.isEmpty()) {
            throw new IllegalArgumentException("errorOutputType is required");
        }
        ZonedDateTime time = timeOf(c);
        return errorPrefix(c, errorOutputType, time) + objectName(c, time);
    }

    /** The evaluated data prefix alone (what dynamic partitioning groups records by). */
    public static String dataPrefix(KeyContext c) {
        return dataPrefix(c, timeOf(c));
    }

    /** The object name alone: {@code <stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>}. */
    public static String objectName(KeyContext c) {
        return objectName(c, timeOf(c));
    }

    /**
     * Checks a configuration's prefixes as CreateDeliveryStream and UpdateDestination do.
     *
     * @throws InvalidArgumentException with the rule broken
     */
    public static void validate(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        PrefixValidation.validate(prefix, errorOutputPrefix, dynamicPartitioning);
    }

    /** The keys of the {@code !{partitionKeyFromQuery:k}} expressions of a (valid) prefix. */
    public static Set<String> partitionKeysFromQuery(String prefix) {
        return PrefixTemplate.parse(PREFIX, prefix).values(PrefixTemplate.Kind.KEY_FROM_QUERY);
    }

    /** The keys of the {@code !{partitionKeyFromLambda:k}} expressions of a (valid) prefix. */
    public static Set<String> partitionKeysFromLambda(String prefix) {
        return PrefixTemplate.parse(PREFIX, prefix).values(PrefixTemplate.Kind.KEY_FROM_LAMBDA);
    }

    /**
     * Checks an evaluated prefix against {@link #MAX_EVALUATED_PREFIX_LENGTH} and returns it.
     *
     * @param field {@code Prefix} or {@code ErrorOutputPrefix}, for the message
     * @throws PrefixEvaluationException if it is longer
     */
    public static String checkEvaluatedLength(String field, String evaluated) {
        if (evaluated.length() > MAX_EVALUATED_PREFIX_LENGTH) {
            throw new PrefixEvaluationException("The evaluated " + field + " is " + evaluated.length()
                    + " characters long; it can't be longer than " + MAX_EVALUATED_PREFIX_LENGTH + ".");
        }
        return evaluated;
    }

    private static ZonedDateTime timeOf(KeyContext c) {
        return c.oldestArrival().atZone(c.zone());
    }

    private static String dataPrefix(KeyContext c, ZonedDateTime time) {
        PrefixTemplate template = PrefixTemplate.parse(PREFIX, c.prefix());
        String evaluated = template.evaluate(time, c, null);
        if (!c.dynamicPartitioning() && !template.contains(PrefixTemplate.Kind.TIMESTAMP)) {
            evaluated += HOURLY.format(time);
        }
        return checkEvaluatedLength(PREFIX, evaluated);
    }

    /**
     * Without an ErrorOutputPrefix the Prefix is used as given; validation allows that only for a Prefix without
     * expressions, and should one reach here anyway it is left out rather than written unevaluated.
     */
    private static String errorPrefix(KeyContext c, String errorOutputType, ZonedDateTime time) {
        if (isEmpty(c.errorOutputPrefix())) {
            PrefixTemplate prefix = PrefixTemplate.parse(PREFIX, c.prefix());
            String base = prefix.hasExpressions() || c.prefix() == null ? "" : c.prefix();
            return checkEvaluatedLength(ERROR_OUTPUT_PREFIX, base + errorOutputType + "/" + HOURLY.format(time));
        }
        String evaluated = PrefixTemplate.parse(ERROR_OUTPUT_PREFIX, c.errorOutputPrefix()).evaluate(time, c, errorOutputType);
        return checkEvaluatedLength(ERROR_OUTPUT_PREFIX, evaluated);
    }

    private static String objectName(KeyContext c, ZonedDateTime time) {
        return c.streamName() + "-" + c.versionId() + "-" + NAME_TIME.format(time) + "-" + c.uuid() + c.extension();
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
