package io.sluice.delivery.buffer;

import io.sluice.common.http.CallRef;
import java.util.List;

/** A Direct PUT on its way to its delivery stream's buffer: the call, the records' arrival time and their data. */
public record PutCommand(CallRef ref, String deliveryStream, boolean single, long arrivalMillis, List<byte[]> records) {}
