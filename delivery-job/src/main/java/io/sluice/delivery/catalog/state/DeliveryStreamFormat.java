package io.sluice.delivery.catalog.state;

import static io.sluice.delivery.catalog.state.StateFields.readEnum;
import static io.sluice.delivery.catalog.state.StateFields.readList;
import static io.sluice.delivery.catalog.state.StateFields.readNullable;
import static io.sluice.delivery.catalog.state.StateFields.readString;
import static io.sluice.delivery.catalog.state.StateFields.writeEnum;
import static io.sluice.delivery.catalog.state.StateFields.writeList;
import static io.sluice.delivery.catalog.state.StateFields.writeNullable;
import static io.sluice.delivery.catalog.state.StateFields.writeString;

import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.KinesisStreamSource;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link DeliveryStream} in catalog state (version 2), members in record order: the strings {@code name}, {@code arn};
 * {@code status}, {@code type} (enums); {@code versionId} (int); {@code createdMillis}, {@code lastUpdateMillis}
 * (longs); nullable {@code destination} ({@link S3DestinationFormat}); {@code tags} as a list of (key, value);
 * nullable {@code httpEndpoint} ({@link HttpEndpointFormat}) and {@code kinesisSource} (stream ARN, role ARN).
 */
final class DeliveryStreamFormat {

    private DeliveryStreamFormat() {}

    static void write(DeliveryStream s, DataOutputView out) throws IOException {
        writeString(s.name(), out);
        writeString(s.arn(), out);
        writeEnum(s.status(), out);
        writeEnum(s.type(), out);
        out.writeInt(s.versionId());
        out.writeLong(s.createdMillis());
        out.writeLong(s.lastUpdateMillis());
        writeNullable(s.destination(), out, S3DestinationFormat::write);
        writeList(s.tags(), out, DeliveryStreamFormat::writeTag);
        writeNullable(s.httpEndpoint(), out, HttpEndpointFormat::write);
        writeNullable(s.kinesisSource(), out, DeliveryStreamFormat::writeSource);
    }

    static DeliveryStream read(DataInputView in) throws IOException {
        String name = readString(in);
        String arn = readString(in);
        DeliveryStreamStatus status = readEnum(DeliveryStreamStatus.class, in);
        DeliveryStreamType type = readEnum(DeliveryStreamType.class, in);
        int versionId = in.readInt();
        long created = in.readLong();
        long lastUpdate = in.readLong();
        S3Destination destination = readNullable(in, S3DestinationFormat::read);
        List<Tag> tags = readList(in, DeliveryStreamFormat::readTag);
        HttpEndpointDestination http = readNullable(in, HttpEndpointFormat::read);
        KinesisStreamSource source = readNullable(in, DeliveryStreamFormat::readSource);
        return new DeliveryStream(name, arn, status, type, versionId, created, lastUpdate, destination, tags, http, source);
    }

    private static void writeTag(Tag tag, DataOutputView out) throws IOException {
        writeString(tag.key(), out);
        writeString(tag.value(), out);
    }

    private static Tag readTag(DataInputView in) throws IOException {
        String key = readString(in);
        return new Tag(key, readString(in));
    }

    private static void writeSource(KinesisStreamSource source, DataOutputView out) throws IOException {
        writeString(source.kinesisStreamArn(), out);
        writeString(source.roleArn(), out);
    }

    private static KinesisStreamSource readSource(DataInputView in) throws IOException {
        String streamArn = readString(in);
        return new KinesisStreamSource(streamArn, readString(in));
    }
}
