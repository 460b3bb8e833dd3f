package io.sluice.delivery.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.serialization.JacksonSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The committer's checkpointed form of a pending object: round trip, the version-1 layout, unknown versions. */
class PendingObjectSerializerTest {

    private final PendingObjectSerializer serializer = new PendingObjectSerializer();

    @Test
    void everyFieldRoundTrips() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(1);
        String key = "année=2026/01/02/03/clicks-1-2026-01-02-03-04-05-a9fa96af-e4e4-409f-bac3-1f804714faaa.gz";
        byte[] token = "/data/s3-staging/2f1c\u0000".getBytes(StandardCharsets.UTF_8);
        PendingObject back = serializer.deserialize(1,
                serializer.serialize(new PendingObject("clicks", "my-bucket", key, token, 500, 4L * 1024 * 1024 * 1024 * 1024)));
        assertThat(back.deliveryStream()).isEqualTo("clicks");
        assertThat(back.bucket()).isEqualTo("my-bucket");
        assertThat(back.key()).isEqualTo(key);
        assertThat(back.token()).isEqualTo(token);
        assertThat(back.records()).isEqualTo(500);
        assertThat(back.bytes()).isEqualTo(4L * 1024 * 1024 * 1024 * 1024);

        PendingObject empty = serializer.deserialize(1, serializer.serialize(new PendingObject("s", "b", "k", new byte[0], 0, 0)));
        assertThat(empty.token()).isEmpty();
        assertThat(empty.records()).isZero();
    }

    @Test
    void versionOneIsTheDocumentedLayout() throws IOException {
        // stream, bucket, key (modified UTF-8: 2-byte length, then the characters); token (4-byte length,
        // then its bytes); records; bytes; error output type (absent: 00). A checkpoint written by a release
        // holds exactly these bytes.
        String v1 = "0001" + "73" + "0001" + "62" + "0001" + "6b" + "00000002" + "01ff" + "0000000000000003" + "0000000000000004"
                + "00";
        PendingObject object = new PendingObject("s", "b", "k", new byte[] {1, -1}, 3, 4);
        assertThat(HexFormat.of().formatHex(serializer.serialize(object))).isEqualTo(v1);

        PendingObject read = serializer.deserialize(1, HexFormat.of().parseHex(v1));
        assertThat(read.key()).isEqualTo("k");
        assertThat(read.token()).containsExactly(1, -1);
        assertThat(read.bytes()).isEqualTo(4);
        assertThat(read.errorOutputType()).isNull();

        // error output: 01, then the type in modified UTF-8
        PendingObject errors = object.asErrorOutput("processing-failed");
        String v1Errors = v1.substring(0, v1.length() - 2) + "01" + "0011" + HexFormat.of().formatHex("processing-failed".getBytes());
        assertThat(HexFormat.of().formatHex(serializer.serialize(errors))).isEqualTo(v1Errors);
        assertThat(serializer.deserialize(1, HexFormat.of().parseHex(v1Errors))).usingRecursiveComparison().isEqualTo(errors);
    }

    @Test
    void fromBufferToCommitterItTravelsThroughJackson() throws IOException {
        // DeliveryJob types the buffer's output JacksonTypeInfo.of(PendingObject.class); the token is a CBOR byte string.
        JacksonSerializer<PendingObject> jackson = new JacksonSerializer<>(PendingObject.class);
        PendingObject back = jackson.fromBytes(jackson.toBytes(new PendingObject("s", "b", "k", new byte[] {0, -1, 2}, 7, 8)));
        assertThat(back.token()).containsExactly(0, -1, 2);
        assertThat(back).extracting(PendingObject::deliveryStream, PendingObject::bucket, PendingObject::key, PendingObject::records,
                PendingObject::bytes).containsExactly("s", "b", "k", 7L, 8L);
    }

    @Test
    void anUnknownVersionFailsNamingIt() throws IOException {
        byte[] bytes = serializer.serialize(new PendingObject("s", "b", "k", new byte[] {1}, 1, 1));
        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessage("Unknown PendingObject version 2; this build reads version 1");
        assertThatThrownBy(() -> serializer.deserialize(0, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 0");
        assertThatThrownBy(() -> serializer.deserialize(1, Arrays.copyOf(bytes, bytes.length - 1)))
                .as("a truncated object")
                .isInstanceOf(IOException.class);
    }
}
