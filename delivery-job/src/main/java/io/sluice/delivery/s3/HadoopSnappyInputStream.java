package io.sluice.delivery.s3;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.xerial.snappy.Snappy;

/**
 * Reads Hadoop's block-compressed Snappy stream (layout in {@link HadoopSnappyOutputStream}), with any number of
 * chunks per block, as Hadoop's {@code BlockDecompressorStream} does. A stream that ends between blocks ends
 * the data; one that ends inside a block, or whose chunks do not add up to their block's length, is an
 * {@link IOException}.
 */
final class HadoopSnappyInputStream extends InputStream {

    /** Refuses a chunk larger than this (1 GiB): a corrupt length, not data. */
    private static final int MAX_CHUNK = 1 << 30;

    private final DataInputStream in;
    private byte[] chunk = new byte[0];
    private int chunkLength;
    private int position;
    private long blockRemaining;

    HadoopSnappyInputStream(InputStream in) {
        this.in = new DataInputStream(Objects.requireNonNull(in, "in"));
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunkLength - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return chunkLength - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes decoded bytes available; false at the end of the stream. */
    private boolean fill() throws IOException {
        while (position == chunkLength) {
            if (blockRemaining == 0 && !nextBlock()) {
                return false;
            }
            if (blockRemaining > 0) {
                nextChunk();
            }
        }
        return true;
    }

    private boolean nextBlock() throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        int rest = readIntRest(first);
        if (rest < 0) {
            throw new IOException("Corrupt Hadoop snappy stream: negative block length " + rest);
        }
        blockRemaining = rest;
        return true;
    }

    private void nextChunk() throws IOException {
        int compressedLength = readInt();
        if (compressedLength <= 0 || compressedLength > MAX_CHUNK) {
            throw new IOException("Corrupt Hadoop snappy stream: chunk length " + compressedLength);
        }
        byte[] compressed = in.readNBytes(compressedLength);
        if (compressed.length < compressedLength) {
            throw new EOFException("Hadoop snappy stream ends inside a chunk");
        }
        int length = Snappy.uncompressedLength(compressed, 0, compressedLength);
        if (length > blockRemaining) {
            throw new IOException("Corrupt Hadoop snappy stream: chunk of " + length + " bytes overruns its block");
        }
        if (chunk.length < length) {
            chunk = new byte[length];
        }
        chunkLength = Snappy.uncompress(compressed, 0, compressedLength, chunk, 0);
        position = 0;
        blockRemaining -= chunkLength;
    }

    private int readInt() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("Hadoop snappy stream ends inside a block");
        }
        return readIntRest(first);
    }

    private int readIntRest(int first) throws IOException {
        try {
            return (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        } catch (EOFException e) {
            throw new EOFException("Hadoop snappy stream ends inside a length field");
        }
    }
}
