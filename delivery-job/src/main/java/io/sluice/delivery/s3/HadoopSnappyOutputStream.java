package io.sluice.delivery.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.xerial.snappy.Snappy;

/**
 * Writes Hadoop's block-compressed Snappy stream, the layout of Hadoop's {@code SnappyCodec}
 * ({@code BlockCompressorStream} out, {@code BlockDecompressorStream} in). The stream is a sequence of blocks:
 * uncompressed length (4, big-endian) · then chunks of compressed length (4, big-endian) · raw Snappy bytes,
 * whose uncompressed sizes add up to the block's. There is no stream header and no trailer.
 *
 * <p>This writer puts one chunk in each block and ends a block every {@link #BLOCK_SIZE} input bytes, so the
 * output depends only on the input, not on how it was split into {@code write} calls. That is exactly what
 * Hadoop writes with its default 256 KiB buffer ({@code io.compression.codec.snappy.buffersize}) when fed
 * byte by byte: Hadoop ends a block before it would hold more than {@code 256 KiB - (256 KiB / 6 + 32)} bytes,
 * keeping the rest of the buffer for Snappy's worst-case expansion. Empty input is one block of length 0
 * (four zero bytes), as Hadoop's codec writes it. Raw {@link Snappy#compress} does the work; no Hadoop classes.
 */
final class HadoopSnappyOutputStream extends OutputStream {

    /** Hadoop's default {@code io.compression.codec.snappy.buffersize}. */
    static final int HADOOP_BUFFER_SIZE = 256 * 1024;

    /** Largest block Hadoop's default codec writes: the buffer less its compression overhead, 218 422 bytes. */
    static final int BLOCK_SIZE = HADOOP_BUFFER_SIZE - (HADOOP_BUFFER_SIZE / 6 + 32);

    private final OutputStream out;
    private final byte[] block = new byte[BLOCK_SIZE];
    private final byte[] compressed = new byte[Snappy.maxCompressedLength(BLOCK_SIZE)];
    private int length;
    private boolean wroteBlock;
    private boolean closed;

    HadoopSnappyOutputStream(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        block[length++] = (byte) b;
        if (length == BLOCK_SIZE) {
            writeBlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, BLOCK_SIZE - length);
            System.arraycopy(b, off, block, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == BLOCK_SIZE) {
                writeBlock();
            }
        }
    }

    /** Flushes {@code out} without ending the current block, so block boundaries stay a function of the input. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Writes the last (possibly empty) block and closes {@code out}. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (length > 0 || !wroteBlock) {
                writeBlock();
            }
        }
    }

    private void writeBlock() throws IOException {
        writeInt(length);
        if (length > 0) {
            int n = Snappy.compress(block, 0, length, compressed, 0);
            writeInt(n);
            out.write(compressed, 0, n);
        }
        length = 0;
        wroteBlock = true;
    }

    private void writeInt(int v) throws IOException {
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }
}
