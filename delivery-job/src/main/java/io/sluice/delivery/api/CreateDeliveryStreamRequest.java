package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.List;

/**
 * CreateDeliveryStream: a name, a source type, exactly one destination, and tags. {@code httpEndpoint} is the HTTP
 * endpoint destination, or {@code null}; {@code destination} is the S3 destination, or the HTTP endpoint's S3 side.
 * {@code kinesisSource} is the Kinesis stream a {@code KinesisStreamAsSource} stream reads, else {@code null}.
 */
public record CreateDeliveryStreamRequest(
        String name, DeliveryStreamType type, S3Destination destination, List<Tag> tags, HttpEndpointDestination httpEndpoint,
        KinesisStreamSource kinesisSource) implements ControlRequest {

    /** A Direct PUT delivery stream. */
    public CreateDeliveryStreamRequest(String name, DeliveryStreamType type, S3Destination destination, List<Tag> tags,
            HttpEndpointDestination httpEndpoint) {
        this(name, type, destination, tags, httpEndpoint, null);
    }

    /** The destination members Sluice serves. */
    private static final List<String> SERVED_DESTINATIONS = List.of(
            "ExtendedS3DestinationConfiguration", "S3DestinationConfiguration", "HttpEndpointDestinationConfiguration");

    /** Destinations of the Firehose API that Sluice does not deliver to (yet), by their configuration member. */
    private static final List<String> UNSERVED_DESTINATIONS = List.of(
            "RedshiftDestinationConfiguration",
            "ElasticsearchDestinationConfiguration",
            "AmazonopensearchserviceDestinationConfiguration",
            "AmazonOpenSearchServerlessDestinationConfiguration",
            "SplunkDestinationConfiguration",
            "SnowflakeDestinationConfiguration",
            "IcebergDestinationConfiguration");

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.create(this);
    }

    static CreateDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        DeliveryStreamType type = r.has("DeliveryStreamType")
                ? MemberChecks.enumValue(v, r.string("DeliveryStreamType"), "deliveryStreamType", DeliveryStreamType.class)
                : DeliveryStreamType.DirectPut;
        List<Tag> tags = Tag.readList(r, "Tags", "tags", false, v);
        KinesisStreamSource source = r.has("KinesisStreamSourceConfiguration")
                ? KinesisStreamSource.read(r.struct("KinesisStreamSourceConfiguration"), v)
                : null;
        v.throwIfAny();
        if (type == DeliveryStreamType.MSKAsSource || type == DeliveryStreamType.DatabaseAsSource) {
            throw new InvalidArgumentException("Sluice does not serve delivery streams of type " + type + ".");
        }
        if (type == DeliveryStreamType.KinesisStreamAsSource && source == null) {
            throw new InvalidArgumentException(
                    "KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
        }
        if (type != DeliveryStreamType.KinesisStreamAsSource && source != null) {
            throw new InvalidArgumentException(
                    "KinesisStreamSourceConfiguration is only allowed with DeliveryStreamType KinesisStreamAsSource.");
        }
        for (String member : UNSERVED_DESTINATIONS) {
            if (r.has(member)) {
                throw new InvalidArgumentException("Sluice does not deliver to the destination " + member
                        + " yet; use ExtendedS3DestinationConfiguration or HttpEndpointDestinationConfiguration.");
            }
        }
        List<String> given = SERVED_DESTINATIONS.stream().filter(r::has).toList();
        if (given.size() != 1) {
            throw new InvalidArgumentException(given.isEmpty()
                    ? "A destination configuration must be specified: ExtendedS3DestinationConfiguration, S3DestinationConfiguration"
                            + " or HttpEndpointDestinationConfiguration."
                    : "Only one destination configuration may be specified.");
        }
        String member = given.get(0);
        if (member.equals("HttpEndpointDestinationConfiguration")) {
            HttpEndpointDestination http = HttpEndpointDestination.read(r.struct(member), v);
            return new CreateDeliveryStreamRequest(name, type, http.bufferDestination(), tags, http, source);
        }
        S3Destination destination = S3Destination.read(r.struct(member), member, v);
        return new CreateDeliveryStreamRequest(name, type, destination, tags, null, source);
    }
}
