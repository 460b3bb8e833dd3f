package io.sluice.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryOptions.Buckets;
import io.sluice.delivery.api.Action;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.FirehoseRequest;
import io.sluice.delivery.api.FirehoseRequests;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.s3.BucketStoreFactory;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.delivery.s3.PendingObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Small fixtures the delivery job's unit tests share: settings, calls, requests read from JSON, delivery streams. */
public final class DeliveryFixtures {

    public static final String ACCOUNT = "000000000000";
    /** The fixed arrival clock of the tests: every object name carries this instant. */
    public static final Instant ARRIVAL = Instant.parse("2026-01-02T03:04:05Z");
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/firehose";

    private DeliveryFixtures() {}

    /** Settings with LOCAL buckets in {@code localBuckets} (staging goes beside it), the create delay and the stream limit. */
    public static DeliverySettings settings(Path localBuckets, Duration createDelay, int deliveryStreamLimit) {
        return new DeliverySettings("us-east-1", ACCOUNT, "fixed:" + ARRIVAL, createDelay, deliveryStreamLimit,
                new BucketStoreFactory(Buckets.LOCAL, localBuckets.toString()));
    }

    /** The buffer's settings: LOCAL buckets, no create delay, AWS's default limit of 5000 streams. */
    public static DeliverySettings settings(Path localBuckets) {
        return settings(localBuckets, Duration.ZERO, 5000);
    }

    /** Settings of operators that never open a bucket (the registry). */
    public static DeliverySettings controlSettings(Duration createDelay, int deliveryStreamLimit) {
        return new DeliverySettings("us-east-1", ACCOUNT, "fixed:" + ARRIVAL, createDelay, deliveryStreamLimit,
                new BucketStoreFactory(Buckets.S3A, null));
    }

    /** Call number {@code n} of endpoint 1 of reader 0. */
    public static CallRef ref(long n, WireFormat format) {
        return new CallRef(0, 1L, n, format);
    }

    /** Decodes a JSON request body of {@code action} the way the router does. */
    public static FirehoseRequest read(Action action, String json) {
        return FirehoseRequests.read(action, RequestReader.parse(json.getBytes(StandardCharsets.UTF_8), WireFormat.JSON));
    }

    /** A reply's body, decoded with the mapper of its call's format. */
    public static JsonNode body(ApiReply reply) {
        try {
            return reply.ref().format().mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An extended S3 destination with the default prefixes, no file extension and UTC. */
    public static S3Destination destination(String bucket, BufferingHints hints, CompressionFormat compression) {
        return new S3Destination(true, ROLE_ARN, "arn:aws:s3:::" + bucket, null, null, hints, compression, null, null);
    }

    /** An ACTIVE Direct PUT delivery stream at version 1, without tags. */
    public static DeliveryStream activeStream(String name, long createdMillis, S3Destination destination) {
        return new DeliveryStream(name, "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/" + name,
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 1, createdMillis, createdMillis, destination, List.of());
    }

    /** {@code n} copies of {@code b}. */
    public static byte[] bytes(int n, char b) {
        byte[] data = new byte[n];
        Arrays.fill(data, (byte) b);
        return data;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The staging file of a pending object of a LOCAL bucket (its token names the file), until its commit. */
    public static Path stagedFile(PendingObject object) {
        return Path.of(new String(object.token(), StandardCharsets.UTF_8));
    }
}
