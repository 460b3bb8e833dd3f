package io.sluice.ingest.catalog;

import io.sluice.common.http.CallRef;

/**
 * A decision of the {@link StreamRegistry} on its way to the catalog, keyed by stream: the stream's
 * metadata from now on ({@code null}: deleted) and the answer to send once the catalog holds it
 * ({@code ref} and {@code reply} are {@code null} for changes no call asked for, such as CREATING
 * turning ACTIVE).
 */
public record StreamChange(CallRef ref, String streamName, StreamMetadata metadata, byte[] reply) {}
