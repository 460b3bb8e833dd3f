package io.sluice.delivery.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A request the account's delivery-stream registry answers: it creates, changes, describes or lists delivery streams. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateDeliveryStreamRequest.class, name = "CreateDeliveryStream"),
    @JsonSubTypes.Type(value = DeleteDeliveryStreamRequest.class, name = "DeleteDeliveryStream"),
    @JsonSubTypes.Type(value = DescribeDeliveryStreamRequest.class, name = "DescribeDeliveryStream"),
    @JsonSubTypes.Type(value = ListDeliveryStreamsRequest.class, name = "ListDeliveryStreams"),
    @JsonSubTypes.Type(value = UpdateDestinationRequest.class, name = "UpdateDestination"),
    @JsonSubTypes.Type(value = TagDeliveryStreamRequest.class, name = "TagDeliveryStream"),
    @JsonSubTypes.Type(value = UntagDeliveryStreamRequest.class, name = "UntagDeliveryStream"),
    @JsonSubTypes.Type(value = ListTagsForDeliveryStreamRequest.class, name = "ListTagsForDeliveryStream")
})
public sealed interface ControlRequest extends FirehoseRequest
        permits CreateDeliveryStreamRequest,
                DeleteDeliveryStreamRequest,
                DescribeDeliveryStreamRequest,
                ListDeliveryStreamsRequest,
                UpdateDestinationRequest,
                TagDeliveryStreamRequest,
                UntagDeliveryStreamRequest,
                ListTagsForDeliveryStreamRequest {

    /** Calls {@code handler}'s method for this request's type. */
    <T> T accept(Handler<T> handler) throws Exception;

    /** One method per control request: a handler of every kind is checked by the compiler (Java 17 has no switch over types). */
    interface Handler<T> {
        T create(CreateDeliveryStreamRequest r) throws Exception;

        T delete(DeleteDeliveryStreamRequest r) throws Exception;

        T describe(DescribeDeliveryStreamRequest r) throws Exception;

        T list(ListDeliveryStreamsRequest r) throws Exception;

        T updateDestination(UpdateDestinationRequest r) throws Exception;

        T tag(TagDeliveryStreamRequest r) throws Exception;

        T untag(UntagDeliveryStreamRequest r) throws Exception;

        T listTags(ListTagsForDeliveryStreamRequest r) throws Exception;
    }
}
