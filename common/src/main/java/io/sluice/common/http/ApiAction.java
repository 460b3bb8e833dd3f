package io.sluice.common.http;

/**
 * An action of an AWS JSON API, named by the operation after the service's {@code X-Amz-Target} prefix
 * ({@code Kinesis_20131202.PutRecords}, {@code Firehose_20150804.PutRecordBatch}). Each service's
 * {@code Action} enum implements it.
 */
public interface ApiAction {

    /** The operation's name, e.g. {@code PutRecords}. */
    String operation();

    /** The action of {@code type} that an {@code X-Amz-Target} header names, or {@code null}. */
    static <E extends Enum<E> & ApiAction> E fromTarget(String target, String prefix, Class<E> type) {
        if (target == null || !target.startsWith(prefix)) {
            return null;
        }
        String operation = target.substring(prefix.length());
        for (E action : type.getEnumConstants()) {
            if (action.operation().equals(operation)) {
                return action;
            }
        }
        return null;
    }
}
