package io.sluice.delivery.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.s3.ErrorLines;

/**
 * What Firehose writes under the error output prefix for a record that failed processing: one JSON
 * document per line, {@code attemptsMade, arrivalTimestamp, errorCode, errorMessage,
 * attemptEndingTimestamp, rawData (base64), lambdaArn}; {@code lambdaArn} is left out for a record that no
 * function saw (one that failed dynamic partitioning without a Lambda processor).
 */
public record ErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp,
        byte[] rawData, String lambdaArn) {

    /** The document as one line of JSON, with its newline. */
    public byte[] toJsonLine() {
        ObjectNode doc = ErrorLines.document(attemptsMade, arrivalTimestamp, "errorCode", errorCode, "errorMessage", errorMessage,
                attemptEndingTimestamp, rawData);
        if (lambdaArn != null) {
            doc.put("lambdaArn", lambdaArn);
        }
        return ErrorLines.line(doc);
    }
}
