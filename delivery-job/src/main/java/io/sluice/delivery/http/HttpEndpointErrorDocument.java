package io.sluice.delivery.http;

import io.sluice.delivery.s3.ErrorLines;

/**
 * What Firehose writes under the error output prefix ({@code http-endpoint-failed}) for a record an HTTP endpoint did
 * not take within the retry duration: one JSON document per line, {@code attemptsMade, arrivalTimestamp, errorCode,
 * errorMessage, attemptEndingTimestamp, rawData (base64)}, the error being the last attempt's. (AWS adds
 * {@code subsequenceNumber} and {@code dataId} for records read from a Kinesis stream; Direct PUT records have neither.)
 */
public record HttpEndpointErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp, byte[] rawData) {

    /** The document as one line of JSON, with its newline. */
    public byte[] toJsonLine() {
        return ErrorLines.line(ErrorLines.document(attemptsMade, arrivalTimestamp, "errorCode", errorCode, "errorMessage", errorMessage,
                attemptEndingTimestamp, rawData));
    }
}
