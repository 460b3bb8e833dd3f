package io.sluice.delivery.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

class CompressionFormatTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void extensionsAndContentEncodingsAreAwss() {
        assertThat(CompressionFormat.UNCOMPRESSED.extension()).isEmpty();
        assertThat(CompressionFormat.GZIP.extension()).isEqualTo(".gz");
        assertThat(CompressionFormat.ZIP.extension()).isEqualTo(".zip");
        assertThat(CompressionFormat.Snappy.extension()).isEqualTo(".snappy");
        assertThat(CompressionFormat.HADOOP_SNAPPY.extension()).isEqualTo(".hsnappy");

        assertThat(CompressionFormat.UNCOMPRESSED.contentEncoding()).isEmpty();
        assertThat(CompressionFormat.GZIP.contentEncoding()).contains("gzip");
        assertThat(CompressionFormat.ZIP.contentEncoding()).contains("zip");
        assertThat(CompressionFormat.Snappy.contentEncoding()).contains("snappy-java");
        assertThat(CompressionFormat.HADOOP_SNAPPY.contentEncoding()).contains("hadoop-snappy");
    }

    @Test
    void wireValuesAreTheConstantNames() {
        assertThat(CompressionFormat.values()).extracting(Enum::name)
                .containsExactly("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");
        assertThat(CompressionFormat.valueOf("Snappy")).isSameAs(CompressionFormat.Snappy);
        assertThatThrownBy(() -> CompressionFormat.valueOf("SNAPPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(CompressionFormat.class)
    void roundTripsRecords(CompressionFormat format) throws IOException {
        byte[] data = jsonLines(200);
        assertThat(roundTrip(format, data)).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(CompressionFormat.class)
    void roundTripsEmptyInput(CompressionFormat format) throws IOException {
        assertThat(roundTrip(format, new byte[0])).isEmpty();
    }

    /** 1.5 MiB, half compressible and half not: several blocks of every block format, odd write sizes. */
    @ParameterizedTest
    @EnumSource(CompressionFormat.class)
    void roundTripsLargeInputSpanningBlocks(CompressionFormat format) throws IOException {
        byte[] data = large();
        assertThat(roundTrip(format, data)).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(CompressionFormat.class)
    void closeFinishesTheFormatAndClosesTheTarget(CompressionFormat format) throws IOException {
        ClosingSink sink = new ClosingSink();
        OutputStream out = format.wrap(sink, "entry");
        out.write(HELLO);
        assertThat(sink.closed).isFalse();
        out.close();
        assertThat(sink.closed).isTrue();
        assertThat(format.unwrap(new ByteArrayInputStream(sink.toByteArray())).readAllBytes()).isEqualTo(HELLO);
    }

    @Test
    void gzipIsOneGzipMember() throws IOException {
        byte[] gz = compress(CompressionFormat.GZIP, HELLO);
        assertThat(gz).startsWith(0x1f, 0x8b, 0x08);
    }

    @Test
    void gzipAndZipDeflateAtTheGivenLevel() throws IOException {
        byte[] data = jsonLines(20_000);
        for (CompressionFormat format : List.of(CompressionFormat.GZIP, CompressionFormat.ZIP)) {
            byte[] fastest = compress(format, data, 1);
            byte[] smallest = compress(format, data, 9);
            assertThat(smallest.length).as("%s level 9 against level 1", format).isLessThan(fastest.length);
            assertThat(format.unwrap(new ByteArrayInputStream(fastest)).readAllBytes()).isEqualTo(data);
            assertThat(format.unwrap(new ByteArrayInputStream(smallest)).readAllBytes()).isEqualTo(data);
        }
        assertThat(compress(CompressionFormat.GZIP, data, 6)).as("level 6 is zlib's default")
                .isEqualTo(compress(CompressionFormat.GZIP, data));
    }

    @Test
    void zipHoldsOneEntryWithTheGivenName() throws IOException {
        byte[] zip = compress(CompressionFormat.ZIP, HELLO);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("entry");
            assertThat(entry.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
            assertThat(in.getNextEntry()).isNull();
        }
        assertThatThrownBy(() -> CompressionFormat.ZIP.wrap(new ByteArrayOutputStream(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** snappy-java's stream: magic 82 'SNAPPY' 00, version 1, compatible version 1, then length + raw snappy. */
    @Test
    void snappyIsSnappyJavasStreamFormat() throws IOException {
        assertThat(HexFormat.of().formatHex(compress(CompressionFormat.Snappy, HELLO)))
                .isEqualTo("82534e415050590000000001000000010000000705" + "10" + "68656c6c6f");
    }

    @Test
    void snappyUnwrapAlsoReadsTheFramingFormat() throws IOException {
        byte[] data = large();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (OutputStream out = new SnappyFramedOutputStream(framed)) {
            out.write(data);
        }
        assertThat(CompressionFormat.Snappy.unwrap(new ByteArrayInputStream(framed.toByteArray())).readAllBytes())
                .isEqualTo(data);
    }

    /**
     * Known vector, from the Snappy format: "hello" is varint length 05 and one literal of 5 (tag (5-1)<<2 = 10);
     * Hadoop frames it as block length 5, chunk length 7, chunk.
     */
    @Test
    void hadoopSnappyKnownVectors() throws IOException {
        assertThat(HexFormat.of().formatHex(compress(CompressionFormat.HADOOP_SNAPPY, HELLO)))
                .isEqualTo("00000005" + "00000007" + "0510" + "68656c6c6f");
        assertThat(HexFormat.of().formatHex(compress(CompressionFormat.HADOOP_SNAPPY, new byte[0])))
                .isEqualTo("00000000");
    }

    /** snappy-java's Hadoop-compatible stream reproduced AWS's HADOOP_SNAPPY objects; one block is the same here. */
    @Test
    void hadoopSnappySingleBlockMatchesSnappyJavasHadoopStream() throws IOException {
        byte[] data = jsonLines(100);
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        try (OutputStream out = new SnappyHadoopCompatibleOutputStream(reference)) {
            out.write(data);
        }
        assertThat(data.length).isLessThan(32 * 1024);
        assertThat(compress(CompressionFormat.HADOOP_SNAPPY, data)).isEqualTo(reference.toByteArray());
    }

    @Test
    void hadoopSnappyBlocksAreHadoopsDefaultSizeWhateverTheWrites() throws IOException {
        byte[] data = large();
        byte[] oneWrite = compress(CompressionFormat.HADOOP_SNAPPY, data);
        List<Integer> blocks = new ArrayList<>();
        assertThat(decodeHadoop(oneWrite, blocks)).isEqualTo(data);

        int full = HadoopSnappyOutputStream.BLOCK_SIZE;
        assertThat(full).isEqualTo(218_422);
        int count = (data.length + full - 1) / full;
        assertThat(blocks).hasSize(count);
        assertThat(blocks.subList(0, count - 1)).containsOnly(full);
        assertThat(blocks.get(count - 1)).isEqualTo(data.length - (count - 1) * full);

        assertThat(roundTripWrites(CompressionFormat.HADOOP_SNAPPY, data, 7)).isEqualTo(oneWrite);
    }

    @Test
    void hadoopSnappyExactMultipleOfTheBlockHasNoEmptyTrailer() throws IOException {
        byte[] data = new byte[2 * HadoopSnappyOutputStream.BLOCK_SIZE];
        new SplittableRandom(3).nextBytes(data);
        List<Integer> blocks = new ArrayList<>();
        assertThat(decodeHadoop(compress(CompressionFormat.HADOOP_SNAPPY, data), blocks)).isEqualTo(data);
        assertThat(blocks).containsExactly(HadoopSnappyOutputStream.BLOCK_SIZE, HadoopSnappyOutputStream.BLOCK_SIZE);
    }

    /** Several chunks in one block (what Hadoop writes for one large write) are read too. */
    @Test
    void hadoopSnappyUnwrapReadsSeveralChunksPerBlock() throws IOException {
        byte[] a = "first chunk ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second chunk".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        writeInt(stream, a.length + b.length);
        for (byte[] part : List.of(a, b)) {
            byte[] chunk = Snappy.compress(part);
            writeInt(stream, chunk.length);
            stream.write(chunk);
        }
        InputStream in = CompressionFormat.HADOOP_SNAPPY.unwrap(new ByteArrayInputStream(stream.toByteArray()));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("first chunk second chunk");
    }

    @Test
    void hadoopSnappyTruncatedStreamFails() throws IOException {
        byte[] whole = compress(CompressionFormat.HADOOP_SNAPPY, jsonLines(50));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> CompressionFormat.HADOOP_SNAPPY.unwrap(new ByteArrayInputStream(cut)).readAllBytes())
                .isInstanceOf(EOFException.class);
    }

    /**
     * An independent decoder following Hadoop's BlockDecompressorStream: per block, the uncompressed length,
     * then chunks (compressed length, raw snappy) until that many bytes came out. Records each block's length.
     */
    private static byte[] decodeHadoop(byte[] stream, List<Integer> blockLengths) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (in.available() > 0) {
            int original = in.readInt();
            blockLengths.add(original);
            int produced = 0;
            while (produced < original) {
                byte[] chunk = new byte[in.readInt()];
                in.readFully(chunk);
                byte[] plain = Snappy.uncompress(chunk);
                out.write(plain);
                produced += plain.length;
            }
            assertThat(produced).isEqualTo(original);
        }
        return out.toByteArray();
    }

    private static byte[] roundTrip(CompressionFormat format, byte[] data) throws IOException {
        byte[] compressed = roundTripWrites(format, data, 1000);
        try (InputStream in = format.unwrap(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** Writes {@code data} in pieces of {@code piece} bytes, with single-byte writes in between. */
    private static byte[] roundTripWrites(CompressionFormat format, byte[] data, int piece) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = format.wrap(sink, "entry")) {
            int i = 0;
            while (i < data.length) {
                out.write(data[i++]);
                int n = Math.min(piece, data.length - i);
                out.write(data, i, n);
                i += n;
            }
        }
        return sink.toByteArray();
    }

    private static byte[] compress(CompressionFormat format, byte[] data, int level) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = format.wrap(sink, "entry", level)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    private static byte[] compress(CompressionFormat format, byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = format.wrap(sink, "entry")) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    private static byte[] jsonLines(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append("{\"ticker\":\"AMZN\",\"price\":").append(100 + i % 37).append(",\"seq\":").append(i).append("}\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] large() {
        byte[] text = jsonLines(20_000);
        byte[] data = new byte[3 << 19];
        System.arraycopy(text, 0, data, 0, Math.min(text.length, data.length / 2));
        byte[] noise = new byte[data.length / 2];
        new SplittableRandom(7).nextBytes(noise);
        System.arraycopy(noise, 0, data, data.length / 2, noise.length);
        return data;
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static final class ClosingSink extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
