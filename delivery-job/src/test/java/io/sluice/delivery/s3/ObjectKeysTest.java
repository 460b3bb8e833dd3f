package io.sluice.delivery.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.delivery.partition.PartitionKeys;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    /** 10:30 AM UTC on Aug 27, 2018: the time of AWS's prefix examples. */
    private static final Instant AT = Instant.parse("2018-08-27T10:30:00Z");
    private static final String UUID = "a9fa96af-e4e4-409f-bac3-1f804714faaa";
    private static final String NAME = "my-stream-1-2018-08-27-10-30-00-" + UUID;

    private static KeyContext context() {
        return KeyContext.of("my-stream", 1, AT, UUID, new CountingRandom());
    }

    // ---- data keys

    @Test
    void referenceExample() {
        KeyContext c = context().withPrefix(
                "myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}", null);
        assertThat(ObjectKeys.dataKey(c)).isEqualTo("myFirehose/DeliveredYear=2018/anyMonth/rand=0123456789a" + NAME);
        KeyContext random = KeyContext.of("my-stream", 1, AT, UUID, new SplittableRandom(5)).withPrefix(c.prefix(), null);
        assertThat(ObjectKeys.dataKey(random)).matches("myFirehose/DeliveredYear=2018/anyMonth/rand=[0-9a-f]{11}" + NAME);
    }

    @Test
    void defaultPrefixIsTheHourOfTheOldestArrival() {
        assertThat(ObjectKeys.dataKey(context())).isEqualTo("2018/08/27/10/" + NAME);
        assertThat(ObjectKeys.dataKey(context().withPrefix("", ""))).isEqualTo("2018/08/27/10/" + NAME);
        assertThat(ObjectKeys.dataPrefix(context())).isEqualTo("2018/08/27/10/");
        assertThat(ObjectKeys.objectName(context())).isEqualTo(NAME);
    }

    @Test
    void customPrefixWithoutTimestampGetsTheHourAppendedAsIs() {
        assertThat(ObjectKeys.dataKey(context().withPrefix("myFirehosePrefix/", null)))
                .isEqualTo("myFirehosePrefix/2018/08/27/10/" + NAME);
        assertThat(ObjectKeys.dataKey(context().withPrefix("logs", null))).isEqualTo("logs2018/08/27/10/" + NAME);
        assertThat(ObjectKeys.dataKey(context().withPrefix("r/!{firehose:random-string}/", "e/!{firehose:error-output-type}/")))
                .isEqualTo("r/0123456789a/2018/08/27/10/" + NAME);
    }

    @Test
    void everyTimestampIsTheSameInstant() {
        KeyContext c = KeyContext.of("s", 3, Instant.parse("2018-07-06T23:59:59.999Z"), UUID, new CountingRandom())
                .withPrefix("myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"
                        + "!{timestamp:'t='HH:mm:ss.SSS}/", null);
        assertThat(ObjectKeys.dataKey(c))
                .isEqualTo("myPrefix/year=2018/month=07/day=06/hour=23/t=23:59:59.999/s-3-2018-07-06-23-59-59-" + UUID);
    }

    @Test
    void randomStringIsNewAtEachUse() {
        KeyContext c = KeyContext.of("s", 1, AT, UUID, new SplittableRandom(1))
                .withPrefix("!{firehose:random-string}/!{firehose:random-string}/", null);
        String prefix = ObjectKeys.dataPrefix(c);
        assertThat(prefix).matches("[0-9a-f]{11}/[0-9a-f]{11}/2018/08/27/10/");
        assertThat(prefix.substring(0, 11)).isNotEqualTo(prefix.substring(12, 23));
        assertThat(ObjectKeys.dataPrefix(c)).isNotEqualTo(prefix);
    }

    @Test
    void customTimeZoneMovesEveryTimeAcrossTheDay() {
        KeyContext c = KeyContext.of("s", 2, Instant.parse("2018-08-27T03:30:15Z"), UUID, new CountingRandom())
                .withZone(ZoneId.of("America/Los_Angeles"));
        assertThat(ObjectKeys.dataKey(c)).isEqualTo("2018/08/26/20/s-2-2018-08-26-20-30-15-" + UUID);
        assertThat(ObjectKeys.dataKey(c.withPrefix("d=!{timestamp:yyyy-MM-dd}/", null)))
                .isEqualTo("d=2018-08-26/s-2-2018-08-26-20-30-15-" + UUID);
        assertThat(ObjectKeys.dataKey(c.withZone(null))).isEqualTo("2018/08/27/03/s-2-2018-08-27-03-30-15-" + UUID);
    }

    @Test
    void extensionIsAppendedAsResolved() {
        assertThat(ObjectKeys.dataKey(context().withExtension(CompressionFormat.GZIP.extension())))
                .isEqualTo("2018/08/27/10/" + NAME + ".gz");
        assertThat(ObjectKeys.dataKey(context().withExtension(".json.gz"))).isEqualTo("2018/08/27/10/" + NAME + ".json.gz");
    }

    @Test
    void dynamicPartitioningUsesTheKeysAndAppendsNoTime() {
        KeyContext c = context()
                .withPrefix("customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromLambda:device}/",
                        "errors/!{firehose:error-output-type}/")
                .withPartitionKeys(Map.of("customer_id", "1234567890"), Map.of("device", "mobile"));
        assertThat(ObjectKeys.dataKey(c)).isEqualTo("customer_id=1234567890/device=mobile/" + NAME);
        assertThat(ObjectKeys.dataKey(c.withPrefix("y=!{timestamp:yyyy}/c=!{partitionKeyFromQuery:customer_id}/", null)))
                .isEqualTo("y=2018/c=1234567890/" + NAME);
    }

    @Test
    void aRecordsPartitionKeysEvaluateThePrefixAndItsErrorPrefixNamesNone() {
        KeyContext c = context().withPrefix("customer_id=!{partitionKeyFromQuery:customer_id}/year=!{partitionKeyFromQuery:year}/"
                        + "tenant=!{partitionKeyFromLambda:tenant}/", "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/")
                .withPartitionKeys(new PartitionKeys(Map.of("year", "2019", "customer_id", "1234567890"), Map.of("tenant", "t1")));
        assertThat(c.dynamicPartitioning()).isTrue();
        assertThat(ObjectKeys.dataKey(c)).isEqualTo("customer_id=1234567890/year=2019/tenant=t1/" + NAME);
        assertThat(ObjectKeys.errorKey(c, "partitioning-failed")).isEqualTo("errors/partitioning-failed/2018/" + NAME);
        assertThat(ObjectKeys.partitionKeysFromQuery(c.prefix())).containsExactly("customer_id", "year");
        assertThat(ObjectKeys.partitionKeysFromLambda(c.prefix())).containsExactly("tenant");
        assertThat(ObjectKeys.partitionKeysFromQuery(null)).isEmpty();
    }

    @Test
    void missingPartitionKeyIsAnEvaluationError() {
        KeyContext c = context().withPrefix("c=!{partitionKeyFromQuery:customer_id}/", null)
                .withPartitionKeys(Map.of("other", "x"), Map.of("customer_id", "from lambda"));
        assertThatThrownBy(() -> ObjectKeys.dataKey(c))
                .isInstanceOf(PrefixEvaluationException.class)
                .hasMessage("The record has no partition key 'customer_id' for !{partitionKeyFromQuery:customer_id}.");
    }

    @Test
    void evaluatedPrefixIsAtMost512Characters() {
        String fits = "p".repeat(512 - "2018/08/27/10/".length());
        assertThat(ObjectKeys.dataPrefix(context().withPrefix(fits, null))).hasSize(512);
        assertThatThrownBy(() -> ObjectKeys.dataKey(context().withPrefix(fits + "p", null)))
                .isInstanceOf(PrefixEvaluationException.class)
                .hasMessage("The evaluated Prefix is 513 characters long; it can't be longer than 512.");

        KeyContext c = context().withPrefix("k=!{partitionKeyFromLambda:k}/", null)
                .withPartitionKeys(Map.of(), Map.of("k", "v".repeat(600)));
        assertThatThrownBy(() -> ObjectKeys.dataKey(c)).isInstanceOf(PrefixEvaluationException.class);
        assertThat(ObjectKeys.checkEvaluatedLength("Prefix", "x".repeat(512))).hasSize(512);
    }

    // ---- error keys

    @Test
    void defaultErrorPrefixIsTheErrorTypeThenTheHour() {
        assertThat(ObjectKeys.errorKey(context(), "processing-failed")).isEqualTo("processing-failed/2018/08/27/10/" + NAME);
        assertThat(ObjectKeys.errorKey(context().withPrefix("myFirehosePrefix/", ""), "format-conversion-failed"))
                .isEqualTo("myFirehosePrefix/format-conversion-failed/2018/08/27/10/" + NAME);
    }

    @Test
    void errorOutputPrefixIsEvaluatedWithNothingAppended() {
        KeyContext c = context().withPrefix(null, "myFirehoseFailures/!{firehose:error-output-type}/");
        assertThat(ObjectKeys.errorKey(c, "processing-failed")).isEqualTo("myFirehoseFailures/processing-failed/" + NAME);
        assertThat(ObjectKeys.dataKey(c)).isEqualTo("2018/08/27/10/" + NAME);

        KeyContext example = context().withPrefix(
                "myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}",
                "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}");
        assertThat(ObjectKeys.errorKey(example, "http-endpoint-failed"))
                .isEqualTo("myFirehoseFailures/http-endpoint-failed/2018/anyMonth/27" + NAME);

        KeyContext hourly = context().withPrefix(null,
                "myErrorPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/hour=!{timestamp:HH}/!{firehose:error-output-type}")
                .withExtension(".gz");
        assertThat(ObjectKeys.errorKey(hourly, "processing-failed"))
                .isEqualTo("myErrorPrefix/year=2018/month=08/hour=10/processing-failed" + NAME + ".gz");
    }

    @Test
    void errorOutputTypeIsOnlyEvaluatedInErrorKeys() {
        assertThatThrownBy(() -> ObjectKeys.errorKey(context(), "")).isInstanceOf(IllegalArgumentException.class);
        KeyContext wrong = context().withPrefix("!{firehose:error-output-type}/", null);
        assertThatThrownBy(() -> ObjectKeys.dataKey(wrong)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- validation

    @Test
    void acceptsAwssExamples() {
        assertValid(null, null, false);
        assertValid("", "", false);
        assertValid("myFirehosePrefix", null, false);
        assertValid("myFirehosePrefix/", "myFirehoseErrors/", false);
        assertValid(null, "myFirehoseFailures/!{firehose:error-output-type}/", false);
        assertValid("myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}",
                "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}", false);
        assertValid("dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/",
                "failed/!{firehose:random-string}/!{firehose:error-output-type}", false);
        assertValid("customer_id=!{partitionKeyFromQuery:customer_id}/t=!{partitionKeyFromLambda:tenant}/",
                "errors/!{firehose:error-output-type}/", true);
        assertValid("p".repeat(1024), null, false);
    }

    @Test
    void errorOutputPrefixIsRequiredWhenPrefixHasExpressions() {
        assertInvalid("!{timestamp:yyyy/MM/dd}", null, false, "ErrorOutputPrefix can't be null when Prefix contains expressions.");
        assertInvalid("!{firehose:random-string}/", "", false, "ErrorOutputPrefix can't be null when Prefix contains expressions.");
    }

    @Test
    void errorOutputPrefixNeedsTheErrorOutputType() {
        String message = "ErrorOutputPrefix must contain at least one !{firehose:error-output-type} expression.";
        assertInvalid("!{timestamp:yyyy}/", "errors/", false, message);
        assertInvalid(null, "errors/!{timestamp:yyyy}/", false, message);
        assertInvalid("k=!{partitionKeyFromQuery:k}/", "errors/", true, message);
    }

    @Test
    void errorOutputTypeOnlyInErrorOutputPrefix() {
        assertInvalid("!{firehose:error-output-type}/", "e/!{firehose:error-output-type}/", false,
                "Prefix can't contain !{firehose:error-output-type}; it can only be used in ErrorOutputPrefix.");
    }

    @Test
    void partitionKeysOnlyWithDynamicPartitioningAndNeverInErrorOutputPrefix() {
        assertInvalid("k=!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}/", false,
                "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is"
                        + " enabled.");
        assertInvalid("k=!{partitionKeyFromLambda:k}/", "e/!{firehose:error-output-type}/", false,
                "Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is"
                        + " enabled.");
        assertInvalid("k=!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}/!{partitionKeyFromLambda:k}", true,
                "ErrorOutputPrefix can't contain partitionKeyFromQuery or partitionKeyFromLambda expressions.");
    }

    @Test
    void dynamicPartitioningNeedsBothPrefixes() {
        String namespaces = "S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled";
        assertInvalid(null, "e/!{firehose:error-output-type}/", true, namespaces);
        assertInvalid("static/!{timestamp:yyyy}/", "e/!{firehose:error-output-type}/", true, namespaces);
        assertInvalid("k=!{partitionKeyFromQuery:k}/", null, true,
                "ErrorOutputPrefix is required when dynamic partitioning is enabled.");
    }

    @Test
    void bangBraceOnlyStartsAKnownExpression() {
        String e = "e/!{firehose:error-output-type}/";
        assertInvalid("a/!{timestamp:yyyy", e, false, "Invalid Prefix: the expression at position 2 has no closing '}'."
                + " The sequence !{ can only start a !{namespace:value} expression.");
        assertInvalid("a/!{yyyy}/", e, false, "Invalid Prefix: !{yyyy} is not of the form !{namespace:value}.");
        assertInvalid("a/!{time:yyyy}/", e, false, "Invalid Prefix: !{time:yyyy} has an unknown namespace 'time'; the"
                + " namespaces are firehose, timestamp, partitionKeyFromQuery and partitionKeyFromLambda.");
        assertInvalid("a/!{firehose:uuid}/", e, false, "Invalid Prefix: !{firehose:uuid} is unknown; the firehose namespace"
                + " has random-string and error-output-type.");
        assertInvalid("a/!{timestamp:}/", e, false, "Invalid Prefix: !{timestamp:} has no value.");
        assertInvalid(null, "e/!{firehose:error-output-type}/!{", false, "Invalid ErrorOutputPrefix: the expression at"
                + " position 32 has no closing '}'. The sequence !{ can only start a !{namespace:value} expression.");
        assertValid("a/!/{/}/", null, false);
    }

    @Test
    void timestampPatternsMustBeValid() {
        String e = "e/!{firehose:error-output-type}/";
        assertThatThrownBy(() -> ObjectKeys.validate("!{timestamp:yyyy-bb}/", e, false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid Prefix: !{timestamp:yyyy-bb} is not a valid Java DateTimeFormatter pattern: ");
        assertThatThrownBy(() -> ObjectKeys.validate("!{timestamp:'unclosed}/", e, false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid Prefix: !{timestamp:'unclosed} is not a valid Java DateTimeFormatter pattern");
        assertValid("!{timestamp:yyyy-MM-dd'T'HH:mm:ssXXX}/!{timestamp:EEE}/", e, false);
    }

    @Test
    void prefixesAreAtMost1024CharactersAsGiven() {
        assertInvalid("p".repeat(1025), null, false, "Prefix is 1025 characters long; it can't be longer than 1024.");
        assertInvalid(null, "e".repeat(1025), false, "ErrorOutputPrefix is 1025 characters long; it can't be longer than 1024.");
    }

    private static void assertValid(String prefix, String errorOutputPrefix, boolean dynamicPartitioning) {
        assertThatCode(() -> ObjectKeys.validate(prefix, errorOutputPrefix, dynamicPartitioning)).doesNotThrowAnyException();
    }

    private static void assertInvalid(String prefix, String errorOutputPrefix, boolean dynamicPartitioning, String message) {
        assertThatThrownBy(() -> ObjectKeys.validate(prefix, errorOutputPrefix, dynamicPartitioning))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }

    /** Draws 0, 1, 2, ... so a random string is predictable: "0123456789a", then "bcdef012345". */
    private static final class CountingRandom implements RandomGenerator {
        private int next;

        @Override
        public int nextInt(int bound) {
            return next++ % bound;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }
    }
}
