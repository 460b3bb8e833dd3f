package io.sluice.delivery.catalog;

/**
 * A change the registry made to one delivery stream, sent to the stream's buffer before the call
 * that made it is answered: the stream as it now is, or {@code null} when it was deleted.
 */
public record DeliveryStreamChange(String name, DeliveryStream stream) {}
