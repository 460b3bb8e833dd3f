package io.sluice.delivery.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.api.DataFormatConversion;
import io.sluice.delivery.s3.ErrorLines;

/**
 * What Firehose writes under the error output prefix ({@code format-conversion-failed}) for a record that failed
 * conversion: one JSON document per line, {@code attemptsMade, arrivalTimestamp, lastErrorCode, lastErrorMessage,
 * attemptEndingTimestamp, rawData (base64), sequenceNumber, subSequenceNumber, dataCatalogTable {catalogId, databaseName,
 * tableName, region, versionId, roleArn}}. AWS's guide spells the error members {@code ErrorCode}/{@code ErrorMessage};
 * the documents the service delivers carry {@code lastErrorCode}/{@code lastErrorMessage} and the table's
 * {@code roleArn}, and Sluice writes what the service delivers. {@code sequenceNumber} and
 * {@code subSequenceNumber} are those of a record read from a stream, null for Direct PUT.
 */
public record ConversionErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp,
        byte[] rawData, String sequenceNumber, Long subSequenceNumber, DataFormatConversion.SchemaConfiguration table) {

    /** The document as one line of JSON, with its newline. */
    public byte[] toJsonLine() {
        ObjectNode doc = ErrorLines.document(attemptsMade, arrivalTimestamp, "lastErrorCode", errorCode, "lastErrorMessage", errorMessage,
                        attemptEndingTimestamp, rawData)
                .put("sequenceNumber", sequenceNumber)
                .put("subSequenceNumber", subSequenceNumber);
        doc.putObject("dataCatalogTable")
                .put("catalogId", table.catalogId())
                .put("databaseName", table.databaseName())
                .put("tableName", table.tableName())
                .put("region", table.region())
                .put("versionId", table.versionId() == null ? "LATEST" : table.versionId())
                .put("roleArn", table.roleArn());
        return ErrorLines.line(doc);
    }
}
