package io.sluice.ingest.api;

import java.math.BigInteger;

/** One record of a put: its position in the request, partition key, data and hash key. */
public record PutEntry(int index, String partitionKey, byte[] data, BigInteger hashKey) {}
