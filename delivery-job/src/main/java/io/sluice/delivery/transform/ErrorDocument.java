package io.sluice.delivery.transform;

import io.sluice.delivery.s3.ErrorLines;

/**
 * What Firehose writes under the error output prefix for a record that failed processing: one JSON
 * document per line, {@code attemptsMade, arrivalTimestamp, errorCode, errorMessage,
 * attemptEndingTimestamp, rawData (base64), lambdaArn}.
 */
public record ErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp,
        byte[] rawData, String lambdaArn) {

    /** The document as one line of JSON, with its newline. */
    public byte[] toJsonLine() {
        return ErrorLines.line(ErrorLines.document(attemptsMade, arrivalTimestamp, "errorCode", errorCode, "errorMessage", errorMessage,
                attemptEndingTimestamp, rawData).put("lambdaArn", lambdaArn));
    }
}
