package io.sluice.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashKeyTest {

    @Test
    void partitionKeyHashIsUnsignedBigEndianMd5() {
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertThat(HashKey.ofPartitionKey("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e: high bit set, must stay positive
        assertThat(HashKey.ofPartitionKey("")).isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16)).isPositive();
        // UTF-8 bytes, not UTF-16
        assertThat(HashKey.ofPartitionKey("ü")).isEqualTo(new BigInteger(1, md5(new byte[] {(byte) 0xC3, (byte) 0xBC})));
    }

    @Test
    void explicitHashKeysAreDecimalsWithinTheKeySpace() {
        assertThat(HashKey.parseExplicit("0")).isZero();
        assertThat(HashKey.parseExplicit("340282366920938463463374607431768211455")).isEqualTo(HashKey.MAX);
        assertThat(HashKey.parseExplicit("340282366920938463463374607431768211456")).isNull();
        for (String bad : List.of("", "-1", "01", "1.5", "abc", " 1")) {
            assertThat(HashKey.parseExplicit(bad)).as(bad).isNull();
        }
    }

    @Test
    void evenSplitMatchesKinesis() {
        List<HashKeyRange> ranges = HashKeyRange.splitEvenly(3);
        assertThat(ranges.get(0).start()).isZero();
        assertThat(ranges.get(0).end()).isEqualTo(new BigInteger("113427455640312821154458202477256070484"));
        assertThat(ranges.get(1).start()).isEqualTo(new BigInteger("113427455640312821154458202477256070485"));
        assertThat(ranges.get(2).end()).isEqualTo(HashKey.MAX);
        for (int n : new int[] {1, 2, 7, 500}) {
            List<HashKeyRange> split = HashKeyRange.splitEvenly(n);
            assertThat(split).hasSize(n);
            for (int i = 1; i < n; i++) {
                assertThat(split.get(i).start()).isEqualTo(split.get(i - 1).end().add(BigInteger.ONE));
            }
            assertThat(split.get(n - 1).end()).isEqualTo(HashKey.MAX);
        }
    }

    @Test
    void shardIdsAreZeroPaddedAndParseBack() {
        assertThat(ShardId.format(7)).isEqualTo("shardId-000000000007");
        assertThat(ShardId.parse("shardId-000000000007")).isEqualTo(7);
        assertThat(ShardId.parse("7")).isEqualTo(7);
        assertThat(ShardId.parse("shard-7")).isEqualTo(-1);
        assertThat(ShardId.parse("shardId-9999999999999")).isEqualTo(-1);
    }

    @Test
    void streamArnsNameTheirStream() {
        assertThat(StreamArn.of("eu-west-1", "123456789012", "s")).isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/s");
        assertThat(StreamArn.streamName("arn:aws:kinesis:eu-west-1:123456789012:stream/my.stream-1")).isEqualTo("my.stream-1");
        assertThat(StreamArn.streamName("arn:aws:kinesis:eu-west-1:123:stream/s")).isNull();
        assertThat(StreamArn.streamName("arn:aws:sqs:eu-west-1:123456789012:queue")).isNull();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
