package io.sluice.ingest.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.wire.WireFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisReplyAssemblerTest {

    private final KinesisReplyAssembler assembler = new KinesisReplyAssembler();
    private final CallRef ref = new CallRef(0, 1, 2, WireFormat.JSON);

    @Test
    void putRecordsPartsJoinInRequestOrderAndFailedPartsBecomePerRecordErrors() throws Exception {
        byte[] ok = new PutRecordsPart("orders", 3, new int[] {2, 0}, "shardId-000000000001", new String[] {"s2", "s0"}, null, null).encode();
        byte[] failed = PutRecordsPart.failed("orders", 3, new int[] {1}, "InternalFailure", "Internal failure on shardId-000000000000").encode();
        ApiReply reply = assembler.assemble(ref, PutRecordsPart.KIND, List.of(failed, ok));
        JsonNode body = WireFormat.JSON.mapper().readTree(reply.body());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("FailedRecordCount").asInt()).isEqualTo(1);
        JsonNode records = body.get("Records");
        assertThat(records.get(0).get("SequenceNumber").asText()).isEqualTo("s0");
        assertThat(records.get(1).get("ErrorCode").asText()).isEqualTo("InternalFailure");
        assertThat(records.get(1).has("SequenceNumber")).isFalse();
        assertThat(records.get(2).get("ShardId").asText()).isEqualTo("shardId-000000000001");
    }
}
