package io.sluice.delivery.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.serialization.JacksonSerializer;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.partition.PartitionKeysSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link DeliveryStreamSerializer} and its snapshot: exact round trips of every kind of delivery stream, state of version 1
 * (Jackson/CBOR) read back, the layout of version 2 pinned by a golden file, and the snapshot's compatibility answers.
 */
class DeliveryStreamSerializerTest {

    /** Golden files: every fixture stream, as {@code int count} then the values, in each version's format. */
    private static final String V1_FILE = "catalog-state/delivery-streams-v1.bin";
    private static final String V2_FILE = "catalog-state/delivery-streams-v2.bin";

    private final DeliveryStreamSerializer serializer = new DeliveryStreamSerializer();
    /** Today's (version 1) writer and reader, kept here to make the bytes a release before this one wrote. */
    private final JacksonSerializer<DeliveryStream> jackson = new JacksonSerializer<>(DeliveryStream.class);

    @Test
    void everyKindOfStreamRoundTripsExactly() throws IOException {
        for (DeliveryStream stream : CatalogStateFixtures.everyKind()) {
            assertThat(serializer.fromBytes(serializer.toBytes(stream))).as(stream.name()).isEqualTo(stream);
        }
    }

    @Test
    void aChangeRoundTripsWithAStreamAndWithout() throws IOException {
        DeliveryStreamChangeSerializer changes = new DeliveryStreamChangeSerializer();
        for (DeliveryStream stream : CatalogStateFixtures.everyKind()) {
            DeliveryStreamChange change = new DeliveryStreamChange(stream.name(), stream);
            assertThat(changes.fromBytes(changes.toBytes(change))).isEqualTo(change);
        }
        DeliveryStreamChange deleted = new DeliveryStreamChange("gone", null);
        assertThat(changes.fromBytes(changes.toBytes(deleted))).isEqualTo(deleted);
    }

    @Test
    void bytesOfVersionOneReadThroughTheSnapshotOfVersionOne() throws IOException {
        TypeSerializer<DeliveryStream> reader = snapshotOfVersion(DeliveryStreamSerializerSnapshot.JACKSON_CBOR).restoreSerializer();
        for (DeliveryStream stream : CatalogStateFixtures.everyKind()) {
            DataOutputSerializer out = new DataOutputSerializer(512);
            jackson.serialize(stream, out);
            assertThat(reader.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).as(stream.name()).isEqualTo(stream);
        }
    }

    @Test
    void theGoldenFileOfVersionOneStillReads() throws IOException {
        TypeSerializer<DeliveryStream> reader = snapshotOfVersion(DeliveryStreamSerializerSnapshot.JACKSON_CBOR).restoreSerializer();
        assertThat(readAll(V1_FILE, reader)).containsExactlyElementsOf(CatalogStateFixtures.everyKind());
    }

    /** Version 2's layout is fixed: a change to it must come with version 3 and a reader of version 2. */
    @Test
    void theGoldenFileOfVersionTwoReadsAndIsWhatThisBuildWrites() throws IOException {
        assertThat(readAll(V2_FILE, serializer)).containsExactlyElementsOf(CatalogStateFixtures.everyKind());
        assertThat(writeAll(serializer)).isEqualTo(resource(V2_FILE));
    }

    @Test
    void aSnapshotWritesAndReadsWithItsVersion() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<DeliveryStream> back =
                TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(back).isInstanceOf(DeliveryStreamSerializerSnapshot.class);
        assertThat(((DeliveryStreamSerializerSnapshot) back).formatVersion()).isEqualTo(DeliveryStreamSerializerSnapshot.BINARY);
        assertThat(back.restoreSerializer()).isEqualTo(serializer);
    }

    @Test
    void compatibilityAnswers() throws IOException {
        TypeSerializerSnapshot<DeliveryStream> current = serializer.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(snapshotOfVersion(DeliveryStreamSerializerSnapshot.BINARY)).isCompatibleAsIs())
                .isTrue();
        assertThat(current.resolveSchemaCompatibility(snapshotOfVersion(DeliveryStreamSerializerSnapshot.JACKSON_CBOR))
                .isCompatibleAfterMigration()).isTrue();
        assertThat(current.resolveSchemaCompatibility(jackson.snapshotConfiguration()).isCompatibleAfterMigration())
                .as("state of the release before, which carries a JacksonSerializerSnapshot").isTrue();
        assertThat(current.resolveSchemaCompatibility(cast(new JacksonSerializer<>(BufferingHints.class).snapshotConfiguration()))
                .isIncompatible()).as("Jackson state of another type").isTrue();
        assertThat(current.resolveSchemaCompatibility(cast(new PartitionKeysSerializer().snapshotConfiguration())).isIncompatible())
                .as("another serializer").isTrue();
    }

    @Test
    void aLaterVersionThanThisBuildReadsFailsWithAClearMessage() {
        assertThatThrownBy(() -> snapshotOfVersion(3)).isInstanceOf(IOException.class)
                .hasMessage("The delivery-stream state was written in format version 3; this build of Sluice reads versions 1 to 2."
                        + " Restore it with the Sluice release that wrote it, or a later one.");
    }

    @Test
    void corruptBytesFailAsIoExceptions() throws IOException {
        byte[] bytes = serializer.toBytes(CatalogStateFixtures.extendedS3Full());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> serializer.fromBytes(truncated)).isInstanceOf(IOException.class);
        byte[] unknownStatus = serializer.toBytes(CatalogStateFixtures.plainS3Minimal().withTags(List.of()));
        int at = indexOf(unknownStatus, "CREATING".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        unknownStatus[at] = 'X';
        assertThatThrownBy(() -> serializer.fromBytes(unknownStatus)).isInstanceOf(IOException.class)
                .hasMessage("Catalog state names DeliveryStreamStatus XREATING, which this build does not know");
    }

    /**
     * The figures of the change (printed, not asserted): bytes per typical stream and the time to write and read one, in
     * the Jackson/CBOR format before and the binary format after.
     */
    @Test
    void printsSizeAndTimeBeforeAndAfter() throws IOException {
        DeliveryStream typical = CatalogStateFixtures.typical();
        DeliveryStream full = CatalogStateFixtures.extendedS3Full();
        for (DeliveryStream stream : List.of(typical, full)) {
            for (TypeSerializer<DeliveryStream> s : List.<TypeSerializer<DeliveryStream>>of(jackson, serializer)) {
                Figures f = measure(s, stream);
                System.out.printf("catalog state %-12s %-24s %5d bytes, serialize %6.2f us, deserialize %6.2f us%n", stream.name(),
                        s.getClass().getSimpleName(), f.bytes, f.serializeMicros, f.deserializeMicros);
            }
        }
    }

    private record Figures(int bytes, double serializeMicros, double deserializeMicros) {}

    private static Figures measure(TypeSerializer<DeliveryStream> s, DeliveryStream stream) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        s.serialize(stream, out);
        byte[] bytes = out.getCopyOfBuffer();
        int rounds = 20_000;
        double write = Double.MAX_VALUE;
        double read = Double.MAX_VALUE;
        for (int pass = 0; pass < 10; pass++) { // the fastest pass: the JIT warm, the fewest interruptions on a shared machine
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                out.clear();
                s.serialize(stream, out);
            }
            long t1 = System.nanoTime();
            DataInputDeserializer in = new DataInputDeserializer();
            for (int i = 0; i < rounds; i++) {
                in.setBuffer(bytes);
                if (s.deserialize(in) == null) {
                    throw new AssertionError();
                }
            }
            long t2 = System.nanoTime();
            write = Math.min(write, (t1 - t0) / 1000.0 / rounds);
            read = Math.min(read, (t2 - t1) / 1000.0 / rounds);
        }
        return new Figures(bytes.length, write, read);
    }

    private static DeliveryStreamSerializerSnapshot snapshotOfVersion(int version) throws IOException {
        DeliveryStreamSerializerSnapshot snapshot = new DeliveryStreamSerializerSnapshot();
        snapshot.readSnapshot(version, new DataInputDeserializer(new byte[0]), DeliveryStreamSerializerTest.class.getClassLoader());
        return snapshot;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeSerializerSnapshot<DeliveryStream> cast(TypeSerializerSnapshot<?> snapshot) {
        return (TypeSerializerSnapshot) snapshot;
    }

    private static List<DeliveryStream> readAll(String resource, TypeSerializer<DeliveryStream> reader) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(resource(resource));
        int n = in.readInt();
        List<DeliveryStream> streams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            streams.add(reader.deserialize(in));
        }
        assertThat(in.available()).as("trailing bytes").isZero();
        return streams;
    }

    private static byte[] writeAll(TypeSerializer<DeliveryStream> writer) throws IOException {
        List<DeliveryStream> streams = CatalogStateFixtures.everyKind();
        DataOutputSerializer out = new DataOutputSerializer(8192);
        out.writeInt(streams.size());
        for (DeliveryStream stream : streams) {
            writer.serialize(stream, out);
        }
        return out.getCopyOfBuffer();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeliveryStreamSerializerTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /**
     * Writes the golden files (run once per format version, with {@code -Dsluice.golden.dir=<src/test/resources>}): version 1
     * with the Jackson writer of the release before, version 2 with this serializer.
     */
    @Test
    void writeGoldenFilesWhenAsked() throws IOException {
        String dir = System.getProperty("sluice.golden.dir");
        if (dir == null) {
            return;
        }
        Path base = Path.of(dir, "catalog-state");
        Files.createDirectories(base);
        if (!Files.exists(base.resolve("delivery-streams-v1.bin"))) {
            Files.write(base.resolve("delivery-streams-v1.bin"), writeAll(jackson));
        }
        if (!Files.exists(base.resolve("delivery-streams-v2.bin"))) {
            Files.write(base.resolve("delivery-streams-v2.bin"), writeAll(serializer));
        }
    }
}
