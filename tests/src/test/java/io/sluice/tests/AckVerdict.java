package io.sluice.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * What a fault test's acknowledged puts ({@link RetryingProducers}) and the stream's stored records say: the records
 * stored, the acknowledged ones missing (lost), records stored twice (duplicated: each put attempt carries data of its
 * own, so a second copy can only be Sluice's), and the producers whose acknowledged records are not stored in the
 * order they were acknowledged.
 */
record AckVerdict(int stored, List<RetryingProducers.Acked> lost, List<String> duplicated, Set<Integer> outOfOrder) {

    static AckVerdict of(List<RetryingProducers.Acked> acked, Map<String, List<Record>> stored) {
        Map<String, Record> bySequence = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        Set<String> data = new HashSet<>();
        List<String> duplicated = new ArrayList<>();
        int count = 0;
        for (List<Record> shard : stored.values()) {
            for (int i = 0; i < shard.size(); i++) {
                Record r = shard.get(i);
                if (bySequence.put(r.sequenceNumber(), r) != null || !data.add(r.data().asUtf8String())) {
                    duplicated.add(r.sequenceNumber() + "=" + r.data().asUtf8String());
                }
                positions.put(r.sequenceNumber(), i);
                count++;
            }
        }
        List<RetryingProducers.Acked> lost = new ArrayList<>();
        Map<Integer, Integer> lastPosition = new HashMap<>();
        Set<Integer> outOfOrder = new HashSet<>();
        for (RetryingProducers.Acked a : acked) {
            Record r = bySequence.get(a.sequenceNumber());
            if (r == null || !r.data().asUtf8String().equals(a.data()) || !stored.get(a.shardId()).contains(r)) {
                lost.add(a);
                continue;
            }
            int position = positions.get(a.sequenceNumber());
            if (position <= lastPosition.getOrDefault(a.producer(), -1)) {
                outOfOrder.add(a.producer());
            }
            lastPosition.put(a.producer(), position);
        }
        return new AckVerdict(count, lost, duplicated, outOfOrder);
    }
}
