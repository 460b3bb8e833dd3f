package io.sluice.delivery.api;

import static io.sluice.delivery.DeliveryFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ValidationException;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.api.HttpEndpointDestination.BackupMode;
import io.sluice.delivery.api.HttpEndpointDestination.CommonAttribute;
import io.sluice.delivery.api.HttpEndpointDestination.ContentEncoding;
import io.sluice.delivery.s3.CompressionFormat;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * {@code HttpEndpointDestinationConfiguration} and {@code HttpEndpointDestinationUpdate} read and checked as AWS does,
 * and the S3 backup ({@code S3BackupMode}) of an extended S3 destination.
 */
class HttpEndpointDestinationTest {

    private static final String ROLE = DeliveryFixtures.ROLE_ARN;
    private static final String BUCKET = "\"S3Configuration\": {\"RoleARN\": \"" + ROLE + "\", \"BucketARN\": \"arn:aws:s3:::backup\"}";
    private static final String PATH = "httpEndpointDestinationConfiguration.";

    @Test
    void aMinimalConfigurationGetsAwsDefaults() {
        CreateDeliveryStreamRequest r = create("\"EndpointConfiguration\": {\"Url\": \"https://example.com/in\"}, " + BUCKET);
        HttpEndpointDestination http = r.httpEndpoint();
        assertThat(http).isEqualTo(new HttpEndpointDestination("https://example.com/in", null, null, null, new BufferingHints(5, 300),
                ContentEncoding.NONE, List.of(), 300, BackupMode.FailedDataOnly, Processing.NONE,
                new S3Destination(false, ROLE, "arn:aws:s3:::backup", null, null, BufferingHints.S3_DEFAULT, CompressionFormat.UNCOMPRESSED,
                        null, null)));
        assertThat(r.destination()).as("the S3 side the buffer goes by").isEqualTo(http.bufferDestination());
    }

    @Test
    void everyMemberIsRead() {
        CreateDeliveryStreamRequest r = create("""
                "EndpointConfiguration": {"Url": "https://example.com/in", "Name": "intake", "AccessKey": "secret"},
                "RoleARN": "%s", "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 0},
                "RequestConfiguration": {"ContentEncoding": "GZIP", "CommonAttributes": [
                    {"AttributeName": "env", "AttributeValue": "test"}, {"AttributeName": "empty", "AttributeValue": ""}]},
                "RetryOptions": {"DurationInSeconds": 7200}, "S3BackupMode": "AllData",
                "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "AppendDelimiterToRecord"}]},
                "CloudWatchLoggingOptions": {"Enabled": false},
                "S3Configuration": {"RoleARN": "%s", "BucketARN": "arn:aws:s3:::backup", "Prefix": "http/",
                    "CompressionFormat": "GZIP", "BufferingHints": {"SizeInMBs": 10, "IntervalInSeconds": 60}}""".formatted(ROLE, ROLE));
        HttpEndpointDestination http = r.httpEndpoint();
        assertThat(http.url()).isEqualTo("https://example.com/in");
        assertThat(http.name()).isEqualTo("intake");
        assertThat(http.accessKey()).isEqualTo("secret");
        assertThat(http.roleArn()).isEqualTo(ROLE);
        assertThat(http.bufferingHints()).isEqualTo(new BufferingHints(64, 0));
        assertThat(http.contentEncoding()).isEqualTo(ContentEncoding.GZIP);
        assertThat(http.commonAttributes()).containsExactly(new CommonAttribute("env", "test"), new CommonAttribute("empty", ""));
        assertThat(http.retryDurationSeconds()).isEqualTo(7200);
        assertThat(http.backupMode()).isEqualTo(BackupMode.AllData);
        assertThat(http.processing().appendsDelimiter()).isTrue();
        assertThat(http.s3().bufferingHints()).isEqualTo(new BufferingHints(10, 60));
        assertThat(r.destination()).isEqualTo(new S3Destination(false, ROLE, "arn:aws:s3:::backup", "http/", null,
                new BufferingHints(64, 0), CompressionFormat.GZIP, null, null, http.processing()));
    }

    @Test
    void membersAreCheckedWithAwsConstraintsAndSensitiveValuesAreNotRepeated() {
        refused("\"EndpointConfiguration\": {\"Url\": \"http://example.com/in\", \"AccessKey\": \"" + "k".repeat(4097) + "\"}, " + BUCKET)
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: Value at '" + PATH + "endpointConfiguration.url' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: https://.*; Value at '" + PATH
                        + "endpointConfiguration.accessKey' failed to satisfy constraint: Member must have length less than or equal to 4096");
        refused("\"EndpointConfiguration\": {\"Url\": \"https://e.com\"}, \"BufferingHints\": {\"SizeInMBs\": 65, \"IntervalInSeconds\": 60},"
                + " \"RetryOptions\": {\"DurationInSeconds\": 7201}, \"S3BackupMode\": \"Enabled\", " + BUCKET)
                .isInstanceOf(ValidationException.class)
                .hasMessage("3 validation errors detected: Value '65' at '" + PATH + "bufferingHints.sizeInMBs' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 64; Value '7201' at '" + PATH
                        + "retryOptions.durationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 7200;"
                        + " Value 'Enabled' at '" + PATH + "s3BackupMode' failed to satisfy constraint: Member must satisfy enum value"
                        + " set: [FailedDataOnly, AllData]");
        refused("\"RequestConfiguration\": {\"ContentEncoding\": \"BROTLI\", \"CommonAttributes\": [{\"AttributeName\": \" \"}]}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("5 validation errors detected: Value null at '" + PATH + "endpointConfiguration' failed to satisfy constraint:"
                        + " Member must not be null; Value null at '" + PATH + "s3Configuration' failed to satisfy constraint: Member must"
                        + " not be null; Value 'BROTLI' at '" + PATH + "requestConfiguration.contentEncoding' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [NONE, GZIP]; Value null at '" + PATH
                        + "requestConfiguration.commonAttributes.1.member.attributeValue' failed to satisfy constraint: Member must not be"
                        + " null; Value at '" + PATH + "requestConfiguration.commonAttributes.1.member.attributeName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: ^(?!\\s*$).+");
        refused("\"EndpointConfiguration\": {\"Url\": \"https://e.com\"}, \"BufferingHints\": {\"SizeInMBs\": 5}, " + BUCKET)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("BufferingHints must specify both SizeInMBs and IntervalInSeconds when either is specified.");
    }

    @Test
    void plainHttpIsTakenOnlyForLoopbackHosts() {
        for (String url : List.of("http://127.0.0.1:8080/in", "http://localhost/in", "http://[::1]:9000/", "http://127.1.2.3/")) {
            assertThat(create("\"EndpointConfiguration\": {\"Url\": \"" + url + "\"}, " + BUCKET).httpEndpoint().url()).isEqualTo(url);
        }
        for (String url : List.of("http://example.com/in", "http://10.0.0.1/", "ftp://127.0.0.1/", "http://127.0.0.1.example.com/")) {
            refused("\"EndpointConfiguration\": {\"Url\": \"" + url + "\"}, " + BUCKET).as(url).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void anUpdateChangesOnlyWhatItGives() {
        HttpEndpointDestination current = create("\"EndpointConfiguration\": {\"Url\": \"https://e.com\", \"AccessKey\": \"k\"},"
                + " \"RequestConfiguration\": {\"ContentEncoding\": \"GZIP\"}, " + BUCKET).httpEndpoint();
        UpdateDestinationRequest update = (UpdateDestinationRequest) read(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
                 "HttpEndpointDestinationUpdate": {"RetryOptions": {"DurationInSeconds": 0}, "S3BackupMode": "AllData",
                   "S3Update": {"Prefix": "backup/"}}}""");
        assertThat(update.http()).isTrue();
        HttpEndpointDestination updated = update.applyTo(current);
        assertThat(updated.retryDurationSeconds()).isZero();
        assertThat(updated.backupMode()).isEqualTo(BackupMode.AllData);
        assertThat(updated.s3().prefix()).isEqualTo("backup/");
        assertThat(updated.accessKey()).isEqualTo("k");
        assertThat(updated.contentEncoding()).isEqualTo(ContentEncoding.GZIP);
        assertThat(updated.url()).isEqualTo("https://e.com");

        UpdateDestinationRequest badUrl = (UpdateDestinationRequest) read(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
                 "HttpEndpointDestinationUpdate": {"EndpointConfiguration": {"Name": "no url"}}}""");
        assertThatThrownBy(() -> badUrl.applyTo(current)).isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'httpEndpointDestinationUpdate.endpointConfiguration.url' failed"
                        + " to satisfy constraint: Member must not be null");
    }

    // ---- S3 backup of an extended S3 destination

    @Test
    void s3BackupEnabledNeedsABackupConfigurationAndCannotBeDisabledAgain() {
        S3Destination enabled = extended("\"S3BackupMode\": \"Enabled\", \"S3BackupConfiguration\": {\"RoleARN\": \"" + ROLE
                + "\", \"BucketARN\": \"arn:aws:s3:::source-copy\", \"Prefix\": \"raw/\", \"CompressionFormat\": \"GZIP\"}");
        assertThat(enabled.backup()).isEqualTo(new S3Destination(false, ROLE, "arn:aws:s3:::source-copy", "raw/", null,
                BufferingHints.S3_DEFAULT, CompressionFormat.GZIP, null, null));
        assertThat(extended("\"S3BackupMode\": \"Disabled\"").backup()).isNull();
        assertThatThrownBy(() -> extended("\"S3BackupMode\": \"Enabled\"")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
        assertThatThrownBy(() -> extended("\"S3BackupMode\": \"Enabled\", \"S3BackupConfiguration\": {\"BucketARN\": \"arn:aws:s3:::c\"}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'extendedS3DestinationConfiguration.s3BackupConfiguration.roleARN'"
                        + " failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> extended("\"S3BackupMode\": \"Sometimes\"")).isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'Sometimes' at 'extendedS3DestinationConfiguration.s3BackupMode' failed"
                        + " to satisfy constraint: Member must satisfy enum value set: [Disabled, Enabled]");

        assertThat(extendedUpdate(enabled, "\"S3BackupUpdate\": {\"Prefix\": \"raw2/\"}").backup().prefix()).isEqualTo("raw2/");
        assertThat(extendedUpdate(enabled, "\"Prefix\": \"data/\"").backup()).as("an update without backup members keeps it")
                .isEqualTo(enabled.backup());
        assertThatThrownBy(() -> extendedUpdate(enabled, "\"S3BackupMode\": \"Disabled\"")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("S3BackupMode can't be changed from Enabled to Disabled.");
        S3Destination disabled = extended("");
        assertThat(extendedUpdate(disabled, "\"S3BackupMode\": \"Enabled\", \"S3BackupUpdate\": {\"RoleARN\": \"" + ROLE
                + "\", \"BucketARN\": \"arn:aws:s3:::later\"}").backup().bucket()).isEqualTo("later");
    }

    private static CreateDeliveryStreamRequest create(String members) {
        return (CreateDeliveryStreamRequest) read(Action.CREATE_DELIVERY_STREAM,
                "{\"DeliveryStreamName\": \"clicks\", \"HttpEndpointDestinationConfiguration\": {" + members + "}}");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String members) {
        return assertThatThrownBy(() -> create(members));
    }

    private static S3Destination extended(String members) {
        return ((CreateDeliveryStreamRequest) read(Action.CREATE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\","
                + " \"ExtendedS3DestinationConfiguration\": {\"RoleARN\": \"" + ROLE + "\", \"BucketARN\": \"arn:aws:s3:::b\""
                + (members.isEmpty() ? "" : ", " + members) + "}}")).destination();
    }

    private static S3Destination extendedUpdate(S3Destination current, String members) {
        UpdateDestinationRequest update = (UpdateDestinationRequest) read(Action.UPDATE_DESTINATION, "{\"DeliveryStreamName\": \"clicks\","
                + " \"CurrentDeliveryStreamVersionId\": \"1\", \"DestinationId\": \"destinationId-000000000001\","
                + " \"ExtendedS3DestinationUpdate\": {" + members + "}}");
        return update.applyTo(current);
    }
}
