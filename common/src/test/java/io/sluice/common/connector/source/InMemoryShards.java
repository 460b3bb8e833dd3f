package io.sluice.common.connector.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A Kinesis client over open shards held in memory, for the split reader: iterators are
 * {@code shardId:position}, every shard starts at TRIM_HORIZON, records arrive at their index in ms.
 */
final class InMemoryShards implements KinesisClient {

    private final Map<String, List<Record>> shards = new LinkedHashMap<>();
    private int getRecordsCalls;

    synchronized void put(String shardId, String data) {
        List<Record> records = shards.computeIfAbsent(shardId, id -> new ArrayList<>());
        records.add(Record.builder().sequenceNumber(String.valueOf(100 + records.size())).partitionKey("pk")
                .data(SdkBytes.fromUtf8String(data)).approximateArrivalTimestamp(Instant.ofEpochMilli(records.size())).build());
    }

    synchronized void open(String shardId) {
        shards.computeIfAbsent(shardId, id -> new ArrayList<>());
    }

    @Override
    public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return GetShardIteratorResponse.builder().shardIterator(request.shardId() + ":0").build();
    }

    /** How many GetRecords calls were made. */
    synchronized int getRecordsCalls() {
        return getRecordsCalls;
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
        getRecordsCalls++;
        String[] at = request.shardIterator().split(":");
        List<Record> records = shards.get(at[0]);
        int from = Integer.parseInt(at[1]);
        return GetRecordsResponse.builder().records(records.subList(from, records.size()))
                .nextShardIterator(at[0] + ":" + records.size()).millisBehindLatest(0L).build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {}
}
