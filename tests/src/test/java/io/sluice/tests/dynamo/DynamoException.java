package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A DynamoDB error as the service reports it: an error type, a message and optional extra body fields. */
final class DynamoException extends RuntimeException {

    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL = "com.amazon.coral.service#";

    private final String type;
    private final ObjectNode details;

    private DynamoException(String type, String message, ObjectNode details) {
        super(message, null, false, false);
        this.type = type;
        this.details = details;
    }

    static DynamoException validation(String message) {
        return new DynamoException(DYNAMODB + "ValidationException", message, null);
    }

    static DynamoException serialization(String message) {
        return new DynamoException(CORAL + "SerializationException", message, null);
    }

    static DynamoException unknownOperation(String target) {
        return new DynamoException(CORAL + "UnknownOperationException",
                "Unknown operation: " + target, null);
    }

    /** The failed condition; {@code oldItem} is reported when the request asked for it and the item existed. */
    static DynamoException conditionalCheckFailed(ObjectNode oldItem) {
        ObjectNode details = null;
        if (oldItem != null) {
            details = Json.object();
            details.set("Item", oldItem.deepCopy());
        }
        return new DynamoException(DYNAMODB + "ConditionalCheckFailedException", "The conditional request failed",
                details);
    }

    static DynamoException tableNotFound(String table) {
        return resourceNotFound("Requested resource not found: Table: " + table + " not found");
    }

    static DynamoException resourceNotFound(String message) {
        return new DynamoException(DYNAMODB + "ResourceNotFoundException", message, null);
    }

    static DynamoException resourceInUse(String message) {
        return new DynamoException(DYNAMODB + "ResourceInUseException", message, null);
    }

    static DynamoException backupTableNotFound(String table) {
        return new DynamoException(DYNAMODB + "TableNotFoundException", "Table not found: " + table, null);
    }

    static DynamoException transactionCanceled(String message, ObjectNode details) {
        return new DynamoException(DYNAMODB + "TransactionCanceledException", message, details);
    }

    /** The short error name, e.g. {@code ConditionalCheckFailedException}. */
    String errorName() {
        return type.substring(type.indexOf('#') + 1);
    }

    /** The extra body fields (such as {@code Item}), or null. */
    ObjectNode details() {
        return details;
    }

    ObjectNode body() {
        ObjectNode body = Json.object();
        body.put("__type", type);
        body.put("message", getMessage());
        if (details != null) {
            body.setAll(details);
        }
        return body;
    }
}
