package io.sluice.delivery.s3;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Firehose's S3 {@code CompressionFormat}; each constant's name is the wire value, case included
 * ({@code Snappy} is not {@code SNAPPY}), so {@link #valueOf} parses the API's value.
 *
 * <p>What each format writes, as AWS delivers it (observed objects, see the report of floci-io/floci#2328,
 * where real AWS objects were reproduced byte for byte):
 * <ul>
 *   <li>{@code GZIP}: one gzip member; {@code .gz}, {@code Content-Encoding: gzip}.
 *   <li>{@code ZIP}: a zip archive of one deflated entry, which AWS names with a random UUID unrelated to the
 *       object key; {@code .zip}, {@code Content-Encoding: zip}.
 *   <li>{@code Snappy}: snappy-java's stream format ({@link SnappyOutputStream}: magic {@code 0x82 "SNAPPY" 0x00},
 *       version 1, compatible version 1, then 32 KiB blocks as compressed length + raw Snappy), <em>not</em>
 *       Snappy's official framing format; {@code .snappy}, {@code Content-Encoding: snappy-java}.
 *   <li>{@code HADOOP_SNAPPY}: Hadoop's block-compressed Snappy ({@link HadoopSnappyOutputStream});
 *       {@code .hsnappy} as AWS's object-name documentation gives it (one third-party report saw the service
 *       deliver {@code .snappy}; {@code FileExtension} overrides it), {@code Content-Encoding: hadoop-snappy}.
 * </ul>
 */
public enum CompressionFormat {
    UNCOMPRESSED,
    GZIP,
    ZIP,
    Snappy,
    HADOOP_SNAPPY;

    private static final int BUFFER = 64 * 1024;

    /** The extension AWS appends to the object name for this format ({@code ""} for none). */
    public String extension() {
        return switch (this) {
            case UNCOMPRESSED -> "";
            case GZIP -> ".gz";
            case ZIP -> ".zip";
            case Snappy -> ".snappy";
            case HADOOP_SNAPPY -> ".hsnappy";
        };
    }

    /** The {@code Content-Encoding} AWS sets on the delivered object, if any. */
    public Optional<String> contentEncoding() {
        return switch (this) {
            case UNCOMPRESSED -> Optional.empty();
            case GZIP -> Optional.of("gzip");
            case ZIP -> Optional.of("zip");
            case Snappy -> Optional.of("snappy-java");
            case HADOOP_SNAPPY -> Optional.of("hadoop-snappy");
        };
    }

    /**
     * A stream that compresses what is written to it into {@code out} in this format; its {@code close()}
     * finishes the format and closes {@code out}. For {@code UNCOMPRESSED} that is {@code out} itself.
     *
     * @param entryName the name of the zip entry, used by {@code ZIP} only (AWS uses a fresh random UUID;
     *     pass e.g. the object's UUID for output that is the same on a retry); may be null for other formats
     */
    public OutputStream wrap(OutputStream out, String entryName) throws IOException {
        return wrap(out, entryName, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * As {@link #wrap(OutputStream, String)}, with {@code GZIP} and {@code ZIP} deflating at {@code deflateLevel}
     * (1 fastest to 9 smallest; {@link Deflater#DEFAULT_COMPRESSION} is zlib's 6).
     */
    public OutputStream wrap(OutputStream out, String entryName, int deflateLevel) throws IOException {
        Objects.requireNonNull(out, "out");
        return switch (this) {
            case UNCOMPRESSED -> out;
            case GZIP -> new LeveledGzipOutputStream(out, deflateLevel);
            case ZIP -> zip(out, entryName, deflateLevel);
            case Snappy -> new SnappyOutputStream(out);
            case HADOOP_SNAPPY -> new HadoopSnappyOutputStream(out);
        };
    }

    /**
     * A stream of the uncompressed bytes of an object in this format; closing it closes {@code in}. For
     * {@code ZIP} that is the archive's first entry; for {@code Snappy} Snappy's official framing format is
     * read too (told apart by its first byte), so objects written either way can be checked.
     */
    public InputStream unwrap(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return switch (this) {
            case UNCOMPRESSED -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZIP -> firstEntry(in);
            case Snappy -> snappy(in);
            case HADOOP_SNAPPY -> new HadoopSnappyInputStream(new BufferedInputStream(in, BUFFER));
        };
    }

    private static OutputStream zip(OutputStream out, String entryName, int deflateLevel) throws IOException {
        if (entryName == null || entryName.isEmpty()) {
            throw new IllegalArgumentException("ZIP needs the name of its entry");
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(deflateLevel);
        zip.putNextEntry(new ZipEntry(entryName));
        return zip;
    }

    private static InputStream firstEntry(InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        if (zip.getNextEntry() == null) {
            zip.close();
            throw new IOException("The zip archive holds no entry");
        }
        return zip;
    }

    /** snappy-java's stream starts with 0x82, the framing format with its stream identifier chunk, 0xFF. */
    private static InputStream snappy(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(1);
        int first = buffered.read();
        buffered.reset();
        return first == 0xFF ? new SnappyFramedInputStream(buffered) : new SnappyInputStream(buffered);
    }

    /** A gzip stream whose deflater works at a given level (GZIPOutputStream's own is fixed at the default). */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }
    }
}
