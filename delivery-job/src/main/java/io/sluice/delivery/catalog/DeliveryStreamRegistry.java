package io.sluice.delivery.catalog;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.ConcurrentModificationException;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.LimitExceededException;
import io.sluice.common.error.ResourceInUseException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.ControlRequest;
import io.sluice.delivery.api.CreateDeliveryStreamRequest;
import io.sluice.delivery.api.DeleteDeliveryStreamRequest;
import io.sluice.delivery.api.DescribeDeliveryStreamRequest;
import io.sluice.delivery.api.ListDeliveryStreamsRequest;
import io.sluice.delivery.api.ListTagsForDeliveryStreamRequest;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.api.TagDeliveryStreamRequest;
import io.sluice.delivery.api.UntagDeliveryStreamRequest;
import io.sluice.delivery.api.UpdateDestinationRequest;
import io.sluice.delivery.catalog.state.CatalogTypes;
import io.sluice.delivery.reply.DeliveryStreamDescriptions;
import io.sluice.delivery.reply.TagReplies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The account's delivery streams (parallelism 1, one key): decides every control call against all of
 * them (names, the delivery-stream quota, versions) and answers the calls that read them. Each change
 * goes to the stream's buffer as a {@link DeliveryStreamChange} before the call is answered.
 */
public final class DeliveryStreamRegistry extends KeyedProcessFunction<String, RegistryCommand, DeliveryStreamChange> {

    private static final long serialVersionUID = 1L;

    /** The one key of the registry: the account. */
    public static final String ACCOUNT_KEY = "account";

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("registry-replies", HttpEndpoints.REPLY_TYPE);

    private final DeliverySettings settings;
    private transient MapState<String, DeliveryStream> streams;
    /** Streams that are CREATING, with the processing time at which they turn ACTIVE. */
    private transient MapState<String, Long> activations;

    public DeliveryStreamRegistry(DeliverySettings settings) {
        this.settings = settings;
    }

    /** The delivery streams by name (state of the uid {@code firehose-delivery-stream-registry}). */
    static MapStateDescriptor<String, DeliveryStream> streamsState() {
        return new MapStateDescriptor<>("delivery-streams", Types.STRING, CatalogTypes.DELIVERY_STREAM);
    }

    @Override
    public void open(OpenContext context) {
        streams = getRuntimeContext().getMapState(streamsState());
        activations = getRuntimeContext().getMapState(new MapStateDescriptor<>("activations", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(RegistryCommand command, Context ctx, Collector<DeliveryStreamChange> out) throws Exception {
        CallRef ref = command.ref();
        try {
            ctx.output(REPLIES, ApiReply.ok(ref, decide(command.request(), ref, command.receivedAtMillis(), ctx, out)));
        } catch (ApiException e) {
            ctx.output(REPLIES, ApiReply.error(ref, e));
        }
    }

    private byte[] decide(ControlRequest request, CallRef ref, long now, Context ctx, Collector<DeliveryStreamChange> out)
            throws Exception {
        return request.accept(new ControlRequest.Handler<>() {
            @Override
            public byte[] create(CreateDeliveryStreamRequest r) throws Exception {
                return DeliveryStreamRegistry.this.create(r, ref, now, ctx, out);
            }

            @Override
            public byte[] delete(DeleteDeliveryStreamRequest r) throws Exception {
                DeliveryStream s = existing(r.name());
                if (s.status() == DeliveryStreamStatus.CREATING) {
                    // AWS: "You can't delete a Firehose stream that is in the CREATING state."
                    throw new ResourceInUseException("Firehose " + r.name() + " under account " + settings.accountId()
                            + " is CREATING; it can be deleted once it is ACTIVE.");
                }
                streams.remove(r.name());
                activations.remove(r.name());
                out.collect(new DeliveryStreamChange(r.name(), null));
                return ReplyWriter.write(ref.format(), g -> {});
            }

            @Override
            public byte[] describe(DescribeDeliveryStreamRequest r) throws Exception {
                return DeliveryStreamDescriptions.describe(ref.format(), existing(r.name()));
            }

            @Override
            public byte[] list(ListDeliveryStreamsRequest r) throws Exception {
                return DeliveryStreamRegistry.this.list(r, ref);
            }

            @Override
            public byte[] updateDestination(UpdateDestinationRequest r) throws Exception {
                return DeliveryStreamRegistry.this.updateDestination(r, ref, now, out);
            }

            @Override
            public byte[] tag(TagDeliveryStreamRequest r) throws Exception {
                return DeliveryStreamRegistry.this.tag(r, ref, out);
            }

            @Override
            public byte[] untag(UntagDeliveryStreamRequest r) throws Exception {
                DeliveryStream s = existing(r.name());
                change(s.withTags(s.tags().stream().filter(t -> !r.tagKeys().contains(t.key())).toList()), out);
                return ReplyWriter.write(ref.format(), g -> {});
            }

            @Override
            public byte[] listTags(ListTagsForDeliveryStreamRequest r) throws Exception {
                return TagReplies.list(ref.format(), existing(r.name()).tags(), r);
            }
        });
    }

    private byte[] create(CreateDeliveryStreamRequest r, CallRef ref, long now, Context ctx, Collector<DeliveryStreamChange> out)
            throws Exception {
        if (streams.contains(r.name())) {
            throw new ResourceInUseException("Firehose " + r.name() + " under accountId " + settings.accountId() + " already exists.");
        }
        int count = 0;
        for (String ignored : streams.keys()) {
            count++;
        }
        if (count >= settings.deliveryStreamLimit()) {
            throw new LimitExceededException("You have already reached the limit of " + settings.deliveryStreamLimit()
                    + " delivery streams for account " + settings.accountId() + ".");
        }
        checkFunctions(r.destination());
        S3Destination destination = withTable(r.destination());
        String arn = settings.deliveryStreamArn(r.name());
        DeliveryStream s = new DeliveryStream(r.name(), arn, DeliveryStreamStatus.CREATING, r.type(), 1, now, now,
                destination, List.copyOf(distinct(r.tags())), r.httpEndpoint(), r.kinesisSource());
        change(s, out);
        long activateAt = ctx.timerService().currentProcessingTime() + settings.createDelay().toMillis();
        activations.put(r.name(), activateAt);
        ctx.timerService().registerProcessingTimeTimer(activateAt);
        return ReplyWriter.write(ref.format(), g -> g.writeStringField("DeliveryStreamARN", arn));
    }

    /** Streams still CREATING whose delay has passed turn ACTIVE. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeliveryStreamChange> out) throws Exception {
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Long> e : activations.entries()) {
            if (e.getValue() <= timestamp) {
                due.add(e.getKey());
            }
        }
        for (String name : due) {
            activations.remove(name);
            DeliveryStream s = streams.get(name);
            if (s != null && s.status() == DeliveryStreamStatus.CREATING) {
                change(s.withStatus(DeliveryStreamStatus.ACTIVE), out);
            }
        }
    }

    private byte[] list(ListDeliveryStreamsRequest r, CallRef ref) throws Exception {
        TreeMap<String, DeliveryStream> sorted = new TreeMap<>();
        for (Map.Entry<String, DeliveryStream> e : streams.entries()) {
            if (r.type() == null || e.getValue().type() == r.type()) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        List<String> names = new ArrayList<>(
                (r.exclusiveStartName() == null ? sorted : sorted.tailMap(r.exclusiveStartName(), false)).keySet());
        boolean more = names.size() > r.limit();
        List<String> page = more ? names.subList(0, r.limit()) : names;
        return ReplyWriter.write(ref.format(), g -> {
            g.writeArrayFieldStart("DeliveryStreamNames");
            for (String name : page) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreDeliveryStreams", more);
        });
    }

    private byte[] updateDestination(UpdateDestinationRequest r, CallRef ref, long now, Collector<DeliveryStreamChange> out)
            throws Exception {
        DeliveryStream s = existing(r.name());
        if (!r.currentVersionId().equals(Integer.toString(s.versionId()))) {
            throw new ConcurrentModificationException("Cannot update Firehose " + r.name() + " because the current version id "
                    + s.versionId() + " does not match the CurrentDeliveryStreamVersionId " + r.currentVersionId() + ".");
        }
        if (!r.destinationId().equals(DeliveryStream.DESTINATION_ID)) {
            throw new InvalidArgumentException("Destination " + r.destinationId() + " of Firehose " + r.name() + " not found.");
        }
        if (s.status() != DeliveryStreamStatus.ACTIVE) {
            throw new ResourceInUseException("Firehose " + r.name() + " is not ACTIVE (" + s.status() + ").");
        }
        DeliveryStream updated = applyUpdate(s, r, now);
        checkFunctions(updated.destination());
        change(updated, out);
        return ReplyWriter.write(ref.format(), g -> {});
    }

    /** The stream with the update applied (one version on); a destination keeps its kind (S3 or HTTP endpoint). */
    private DeliveryStream applyUpdate(DeliveryStream s, UpdateDestinationRequest r, long now) {
        if (r.http() != (s.httpEndpoint() != null)) {
            throw new InvalidArgumentException("Sluice does not change the kind of a delivery stream's destination: " + s.name()
                    + " delivers to " + (r.http() ? "S3; update it with an ExtendedS3DestinationUpdate."
                            : "an HTTP endpoint; update it with an HttpEndpointDestinationUpdate."));
        }
        return r.http() ? s.withHttpEndpoint(r.applyTo(s.httpEndpoint()), now)
                : s.withDestination(withTable(r.applyTo(s.destination())), now);
    }

    private byte[] tag(TagDeliveryStreamRequest r, CallRef ref, Collector<DeliveryStreamChange> out) throws Exception {
        DeliveryStream s = existing(r.name());
        Map<String, String> merged = new LinkedHashMap<>();
        s.tags().forEach(t -> merged.put(t.key(), t.value()));
        r.tags().forEach(t -> merged.put(t.key(), t.value()));
        if (merged.size() > Tag.MAX_TAGS) {
            throw new LimitExceededException("A Firehose stream cannot have more than " + Tag.MAX_TAGS + " tags; "
                    + r.name() + " would have " + merged.size() + ".");
        }
        change(s.withTags(merged.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList()), out);
        return ReplyWriter.write(ref.format(), g -> {});
    }

    /** A Lambda processor must name a configured function (AWS checks that the function exists). */
    private void checkFunctions(S3Destination destination) {
        Processing.Processor lambda = destination.processing().active() ? destination.processing().lambda() : null;
        if (lambda != null) {
            settings.functions().check(lambda.lambdaArn());
        }
    }

    /**
     * The destination with the columns of the Glue table its format conversion names, read at each CreateDeliveryStream
     * and UpdateDestination (a table that does not exist is refused, as AWS refuses a role that cannot read it).
     */
    private S3Destination withTable(S3Destination destination) {
        return destination.converting() ? destination.withConversion(settings.glue().resolve(destination.conversion())) : destination;
    }

    private void change(DeliveryStream s, Collector<DeliveryStreamChange> out) throws Exception {
        streams.put(s.name(), s);
        out.collect(new DeliveryStreamChange(s.name(), s));
    }

    private DeliveryStream existing(String name) throws Exception {
        DeliveryStream s = streams.get(name);
        if (s == null) {
            throw new ResourceNotFoundException(settings.notFound(name));
        }
        return s;
    }

    private static List<Tag> distinct(List<Tag> tags) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        tags.forEach(t -> byKey.put(t.key(), t));
        return new ArrayList<>(byKey.values());
    }
}
