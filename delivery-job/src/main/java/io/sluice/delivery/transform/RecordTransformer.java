package io.sluice.delivery.transform;

/**
 * A Lambda-style record transformation that Sluice runs in process: a delivery stream's
 * {@code ProcessingConfiguration} names it by {@code LambdaArn}
 * ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}) and the configuration maps the name to the class
 * ({@code sluice.firehose.functions.NAME.class}). It gets a batch of records as Firehose would pass them to
 * AWS Lambda and answers, for every record, {@code Ok} (with the new data), {@code Dropped} or
 * {@code ProcessingFailed}. Implementations need a public no-argument constructor; one instance per
 * flush thread ({@code sluice.firehose.flush-threads}) serves that thread's calls, so an instance is never
 * called from two threads at once. A thrown exception fails the whole call (retried,
 * then every record of the batch goes to the error output).
 */
@FunctionalInterface
public interface RecordTransformer {

    TransformResponse transform(TransformRequest request) throws Exception;
}
