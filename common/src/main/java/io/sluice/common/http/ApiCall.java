package io.sluice.common.http;

/**
 * An API call as the HTTP source emits it: the target action ({@code X-Amz-Target}), the request id
 * sent back as {@code x-amzn-RequestId}, when it arrived, and the undecoded body.
 */
public record ApiCall(CallRef ref, String target, String requestId, long receivedAtMillis, byte[] body) {}
