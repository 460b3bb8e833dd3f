/**
 * The delivery-stream catalog in Flink state: {@link io.sluice.delivery.catalog.state.DeliveryStreamSerializer} and its
 * versioned snapshot, with one writer/reader class per part of a delivery stream (destination, processing, format
 * conversion, HTTP endpoint) and the field encodings they share ({@code StateFields}).
 */
package io.sluice.delivery.catalog.state;
