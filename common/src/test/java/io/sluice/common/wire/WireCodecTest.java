package io.sluice.common.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sluice.common.error.SerializationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    @Test
    void jsonTimestampsAreEpochSecondsWithAFraction() {
        RequestReader r = RequestReader.parse("{\"T\": 1506440188.749, \"U\": 1506440188}".getBytes(StandardCharsets.UTF_8), WireFormat.JSON);
        assertThat(r.timestampMillis("T")).isEqualTo(1_506_440_188_749L);
        assertThat(r.timestampMillis("U")).isEqualTo(1_506_440_188_000L);
        byte[] reply = ReplyWriter.write(WireFormat.JSON, g -> ReplyWriter.timestamp(g, "T", 1_506_440_188_749L));
        assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("{\"T\":1506440188.749}");
    }

    @Test
    void cborTimestampsAreTagOneWithIntegerMilliseconds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = (CBORGenerator) WireFormat.CBOR.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("T");
            g.writeTag(1);
            g.writeNumber(1_506_440_188_749L);
            g.writeFieldName("F");
            g.writeNumber(1506440188.5);
            g.writeEndObject();
        }
        RequestReader r = RequestReader.parse(out.toByteArray(), WireFormat.CBOR);
        assertThat(r.timestampMillis("T")).isEqualTo(1_506_440_188_749L);
        assertThat(r.timestampMillis("F")).isEqualTo(1_506_440_188_500L);

        byte[] reply = ReplyWriter.write(WireFormat.CBOR, g -> ReplyWriter.timestamp(g, "T", 1_506_440_188_749L));
        // map(1) "T" tag(1) uint64(1506440188749): 0xC1 then major type 0 with an 8-byte argument
        assertThat(reply[3] & 0xFF).isEqualTo(0xC1);
        assertThat(reply[4] & 0xFF).isEqualTo(0x1B);
        assertThat(WireFormat.CBOR.mapper().readTree(reply).get("T").longValue()).isEqualTo(1_506_440_188_749L);
    }

    @Test
    void blobsAreBase64InJsonAndByteStringsInCbor() throws Exception {
        byte[] data = {0, 1, (byte) 0xFF};
        assertThat(new String(ReplyWriter.write(WireFormat.JSON, g -> writeBlob(g, data)), StandardCharsets.UTF_8)).isEqualTo("{\"D\":\"AAH/\"}");
        byte[] cbor = ReplyWriter.write(WireFormat.CBOR, g -> writeBlob(g, data));
        assertThat(WireFormat.CBOR.mapper().readTree(cbor).get("D").isBinary()).isTrue();
        assertThat(RequestReader.parse(cbor, WireFormat.CBOR).blob("D")).isEqualTo(data);
        assertThat(RequestReader.parse("{\"D\":\"AAH/\"}".getBytes(StandardCharsets.UTF_8), WireFormat.JSON).blob("D")).isEqualTo(data);
    }

    @Test
    void wrongTypesAndBadBodiesAreSerializationExceptions() {
        RequestReader r = RequestReader.parse("{\"N\":\"two\",\"S\":3,\"L\":{}}".getBytes(StandardCharsets.UTF_8), WireFormat.JSON);
        assertThatThrownBy(() -> r.integer("N")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> r.string("S")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> r.structList("L")).isInstanceOf(SerializationException.class);
        assertThat(r.string("Missing")).isNull();
        assertThatThrownBy(() -> RequestReader.parse(new byte[0], WireFormat.JSON)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> RequestReader.parse("[]".getBytes(StandardCharsets.UTF_8), WireFormat.JSON))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> RequestReader.parse(new byte[] {(byte) 0xFF, 0x00}, WireFormat.CBOR))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void contentTypesMapToFormats() {
        assertThat(WireFormat.fromContentType("application/x-amz-json-1.1")).isEqualTo(WireFormat.JSON);
        assertThat(WireFormat.fromContentType("application/x-amz-cbor-1.1; charset=utf-8")).isEqualTo(WireFormat.CBOR);
        assertThat(WireFormat.fromContentType("Application/JSON")).isEqualTo(WireFormat.JSON);
        assertThat(WireFormat.fromContentType("text/plain")).isNull();
        assertThat(WireFormat.fromContentType(null)).isNull();
    }

    @Test
    void violationsAreReportedTogetherInAwsWording() {
        Violations v = new Violations();
        v.required("streamName");
        v.add(0, "shardCount", "Member must have value greater than or equal to 1");
        assertThatThrownBy(v::throwIfAny)
                .hasMessage("2 validation errors detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null; "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    private static void writeBlob(JsonGenerator g, byte[] data) throws java.io.IOException {
        g.writeFieldName("D");
        g.writeBinary(data);
    }
}
