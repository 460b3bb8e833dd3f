package io.sluice.ingest.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A stream's stream-level metrics as one shard-log subtask sees them, under Kinesis's names (the
 * {@code AWS/Kinesis} CloudWatch namespace). Counters are totals; a reporter's rate of them is what
 * CloudWatch shows per period. Every subtask reports its own share (sum over {@code subtask_index}).
 */
final class StreamMetrics {

    final Counter incomingBytes;
    final Counter incomingRecords;
    final Counter putRecordBytes;
    final Counter putRecordSuccess;
    final Counter putRecordsBytes;
    final Counter putRecordsTotalRecords;
    final Counter putRecordsSuccessfulRecords;
    final Counter putRecordsThrottledRecords;
    final Counter putRecordsFailedRecords;
    final Counter getRecordsBytes;
    final Counter getRecordsRecords;
    final Counter getRecordsSuccess;
    final Counter writeProvisionedThroughputExceeded;
    final Counter readProvisionedThroughputExceeded;
    private volatile long iteratorAgeMillis;
    private final MetricGroup group;

    StreamMetrics(MetricGroup group) {
        incomingBytes = group.counter("IncomingBytes");
        incomingRecords = group.counter("IncomingRecords");
        putRecordBytes = group.counter("PutRecord.Bytes");
        putRecordSuccess = group.counter("PutRecord.Success");
        putRecordsBytes = group.counter("PutRecords.Bytes");
        putRecordsTotalRecords = group.counter("PutRecords.TotalRecords");
        putRecordsSuccessfulRecords = group.counter("PutRecords.SuccessfulRecords");
        putRecordsThrottledRecords = group.counter("PutRecords.ThrottledRecords");
        putRecordsFailedRecords = group.counter("PutRecords.FailedRecords");
        getRecordsBytes = group.counter("GetRecords.Bytes");
        getRecordsRecords = group.counter("GetRecords.Records");
        getRecordsSuccess = group.counter("GetRecords.Success");
        writeProvisionedThroughputExceeded = group.counter("WriteProvisionedThroughputExceeded");
        readProvisionedThroughputExceeded = group.counter("ReadProvisionedThroughputExceeded");
        this.group = group;
        group.gauge("GetRecords.IteratorAgeMilliseconds", () -> iteratorAgeMillis);
    }

    /** Stops reporting the stream's metrics (no shard of it is left on this subtask). */
    void close() {
        ShardMetrics.close(group);
    }

    void iteratorAge(long millis) {
        iteratorAgeMillis = millis;
    }
}
