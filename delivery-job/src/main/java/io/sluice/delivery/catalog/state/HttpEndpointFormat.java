package io.sluice.delivery.catalog.state;

import static io.sluice.delivery.catalog.state.StateFields.readEnum;
import static io.sluice.delivery.catalog.state.StateFields.readList;
import static io.sluice.delivery.catalog.state.StateFields.readNullable;
import static io.sluice.delivery.catalog.state.StateFields.readString;
import static io.sluice.delivery.catalog.state.StateFields.writeEnum;
import static io.sluice.delivery.catalog.state.StateFields.writeList;
import static io.sluice.delivery.catalog.state.StateFields.writeNullable;
import static io.sluice.delivery.catalog.state.StateFields.writeString;

import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.HttpEndpointDestination.BackupMode;
import io.sluice.delivery.api.HttpEndpointDestination.CommonAttribute;
import io.sluice.delivery.api.HttpEndpointDestination.ContentEncoding;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link HttpEndpointDestination} in catalog state (version 2), members in record order: the strings {@code url},
 * {@code name}, {@code accessKey}, {@code roleArn}; nullable {@code bufferingHints}; {@code contentEncoding} (enum);
 * {@code commonAttributes} as a list of (name, value); {@code retryDurationSeconds} (int); {@code backupMode} (enum);
 * nullable {@code processing} and {@code s3} (the layouts of {@link ProcessingFormat} and {@link S3DestinationFormat}).
 */
final class HttpEndpointFormat {

    private HttpEndpointFormat() {}

    static void write(HttpEndpointDestination h, DataOutputView out) throws IOException {
        writeString(h.url(), out);
        writeString(h.name(), out);
        writeString(h.accessKey(), out);
        writeString(h.roleArn(), out);
        writeNullable(h.bufferingHints(), out, S3DestinationFormat::writeHints);
        writeEnum(h.contentEncoding(), out);
        writeList(h.commonAttributes(), out, HttpEndpointFormat::writeAttribute);
        out.writeInt(h.retryDurationSeconds());
        writeEnum(h.backupMode(), out);
        writeNullable(h.processing(), out, ProcessingFormat::write);
        writeNullable(h.s3(), out, S3DestinationFormat::write);
    }

    static HttpEndpointDestination read(DataInputView in) throws IOException {
        String url = readString(in);
        String name = readString(in);
        String accessKey = readString(in);
        String roleArn = readString(in);
        BufferingHints hints = readNullable(in, S3DestinationFormat::readHints);
        ContentEncoding encoding = readEnum(ContentEncoding.class, in);
        List<CommonAttribute> attributes = readList(in, HttpEndpointFormat::readAttribute);
        int retrySeconds = in.readInt();
        BackupMode backupMode = readEnum(BackupMode.class, in);
        Processing processing = readNullable(in, ProcessingFormat::read);
        S3Destination s3 = readNullable(in, S3DestinationFormat::read);
        return new HttpEndpointDestination(url, name, accessKey, roleArn, hints, encoding, attributes, retrySeconds, backupMode,
                processing, s3);
    }

    private static void writeAttribute(CommonAttribute attribute, DataOutputView out) throws IOException {
        writeString(attribute.name(), out);
        writeString(attribute.value(), out);
    }

    private static CommonAttribute readAttribute(DataInputView in) throws IOException {
        String name = readString(in);
        return new CommonAttribute(name, readString(in));
    }
}
