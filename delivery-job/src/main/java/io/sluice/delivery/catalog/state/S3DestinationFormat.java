package io.sluice.delivery.catalog.state;

import static io.sluice.delivery.catalog.state.StateFields.readEnum;
import static io.sluice.delivery.catalog.state.StateFields.readNullable;
import static io.sluice.delivery.catalog.state.StateFields.readString;
import static io.sluice.delivery.catalog.state.StateFields.writeEnum;
import static io.sluice.delivery.catalog.state.StateFields.writeNullable;
import static io.sluice.delivery.catalog.state.StateFields.writeString;

import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DataFormatConversion;
import io.sluice.delivery.api.DynamicPartitioning;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.s3.CompressionFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link S3Destination} in catalog state (version 2), its members in record order: {@code extended} (boolean); the
 * strings {@code roleArn}, {@code bucketArn}, {@code prefix}, {@code errorOutputPrefix}; nullable
 * {@code bufferingHints} (two ints); {@code compressionFormat} (enum); {@code fileExtension}, {@code customTimeZone};
 * nullable {@code processing} ({@link ProcessingFormat}), {@code conversion} ({@link ConversionFormat}) and
 * {@code backup} (this layout again); {@code dynamicPartitioning} (boolean, int; never null).
 */
final class S3DestinationFormat {

    private S3DestinationFormat() {}

    static void write(S3Destination d, DataOutputView out) throws IOException {
        out.writeBoolean(d.extended());
        writeString(d.roleArn(), out);
        writeString(d.bucketArn(), out);
        writeString(d.prefix(), out);
        writeString(d.errorOutputPrefix(), out);
        writeNullable(d.bufferingHints(), out, S3DestinationFormat::writeHints);
        writeEnum(d.compressionFormat(), out);
        writeString(d.fileExtension(), out);
        writeString(d.customTimeZone(), out);
        writeNullable(d.processing(), out, ProcessingFormat::write);
        writeNullable(d.conversion(), out, ConversionFormat::write);
        writeNullable(d.backup(), out, S3DestinationFormat::write);
        out.writeBoolean(d.dynamicPartitioning().enabled());
        out.writeInt(d.dynamicPartitioning().retryDurationInSeconds());
    }

    static S3Destination read(DataInputView in) throws IOException {
        boolean extended = in.readBoolean();
        String roleArn = readString(in);
        String bucketArn = readString(in);
        String prefix = readString(in);
        String errorOutputPrefix = readString(in);
        BufferingHints hints = readNullable(in, S3DestinationFormat::readHints);
        CompressionFormat compression = readEnum(CompressionFormat.class, in);
        String fileExtension = readString(in);
        String customTimeZone = readString(in);
        Processing processing = readNullable(in, ProcessingFormat::read);
        DataFormatConversion conversion = readNullable(in, ConversionFormat::read);
        S3Destination backup = readNullable(in, S3DestinationFormat::read);
        boolean partitioned = in.readBoolean();
        DynamicPartitioning partitioning = new DynamicPartitioning(partitioned, in.readInt());
        return new S3Destination(extended, roleArn, bucketArn, prefix, errorOutputPrefix, hints, compression, fileExtension,
                customTimeZone, processing, conversion, backup, partitioning);
    }

    /** {@link BufferingHints}: {@code sizeInMBs}, {@code intervalInSeconds} (ints); an HTTP endpoint's hints too. */
    static void writeHints(BufferingHints hints, DataOutputView out) throws IOException {
        out.writeInt(hints.sizeInMBs());
        out.writeInt(hints.intervalInSeconds());
    }

    static BufferingHints readHints(DataInputView in) throws IOException {
        int size = in.readInt();
        return new BufferingHints(size, in.readInt());
    }
}
