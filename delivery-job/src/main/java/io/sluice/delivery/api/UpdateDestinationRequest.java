package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import io.sluice.common.wire.WireFormat;
import java.util.regex.Pattern;

/**
 * UpdateDestination: the changes of one destination ({@code update}, the raw
 * {@code ExtendedS3DestinationUpdate}, {@code S3DestinationUpdate} or ({@code http}) {@code HttpEndpointDestinationUpdate}
 * member, applied by the registry to the current destination), guarded by the version the caller last saw (optimistic
 * locking). A destination keeps its kind: Sluice does not turn an S3 destination into an HTTP endpoint or back.
 */
public record UpdateDestinationRequest(
        String name, String currentVersionId, String destinationId, byte[] update, WireFormat format, boolean extended,
        boolean http)
        implements ControlRequest {

    private static final Pattern VERSION_ID = Pattern.compile("[0-9]+");
    private static final Pattern DESTINATION_ID = Pattern.compile("[a-zA-Z0-9-]+");

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.updateDestination(this);
    }

    static UpdateDestinationRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        String version = r.string("CurrentDeliveryStreamVersionId");
        if (version == null) {
            v.required("currentDeliveryStreamVersionId");
        }
        MemberChecks.length(v, version, "currentDeliveryStreamVersionId", 1, 50);
        MemberChecks.pattern(v, version, "currentDeliveryStreamVersionId", VERSION_ID);
        String destinationId = r.string("DestinationId");
        if (destinationId == null) {
            v.required("destinationId");
        }
        MemberChecks.length(v, destinationId, "destinationId", 1, 100);
        MemberChecks.pattern(v, destinationId, "destinationId", DESTINATION_ID);
        v.throwIfAny();
        boolean extended = r.has("ExtendedS3DestinationUpdate");
        boolean plain = r.has("S3DestinationUpdate");
        boolean http = r.has("HttpEndpointDestinationUpdate");
        int given = (extended ? 1 : 0) + (plain ? 1 : 0) + (http ? 1 : 0);
        if (given == 0) {
            throw new InvalidArgumentException(
                    "An S3DestinationUpdate, ExtendedS3DestinationUpdate or HttpEndpointDestinationUpdate must be specified.");
        }
        if (given > 1) {
            throw new InvalidArgumentException("Only one destination update may be specified.");
        }
        RequestReader update = r.struct(http ? "HttpEndpointDestinationUpdate"
                : extended ? "ExtendedS3DestinationUpdate" : "S3DestinationUpdate");
        return new UpdateDestinationRequest(name, version, destinationId, update.encode(), r.format(), extended, http);
    }

    /** The update's members, validated against {@code current}. */
    public S3Destination applyTo(S3Destination current) {
        String path = extended ? "extendedS3DestinationUpdate" : "s3DestinationUpdate";
        return current.merge(RequestReader.parse(update, format), path, new Violations());
    }

    /** The update's members, validated against {@code current}. */
    public HttpEndpointDestination applyTo(HttpEndpointDestination current) {
        return current.update(RequestReader.parse(update, format), new Violations());
    }
}
