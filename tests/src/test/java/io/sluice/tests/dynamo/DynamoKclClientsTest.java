package io.sluice.tests.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClientOptions;
import com.amazonaws.services.dynamodbv2.GetLockOptions;
import com.amazonaws.services.dynamodbv2.LockItem;
import com.amazonaws.services.dynamodbv2.model.LockCurrentlyUnavailableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.kinesis.common.DdbTableConfig;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallback;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** Runs KCL 3.5.1's own lease refresher and the DynamoDB lock client (its leader election) against the server. */
class DynamoKclClientsTest {

    private static DynamoTestServer server;
    private static DynamoDbAsyncClient async;
    private static DynamoDbClient sync;

    @BeforeAll
    static void start() {
        server = DynamoTestServer.start();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        async = DynamoDbAsyncClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(server.endpoint()).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        sync = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(server.endpoint()).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        async.close();
        sync.close();
        server.close();
    }

    @Test
    void leaseRefresherCreatesTakesRenewsHandsOffAndDeletesLeases() throws Exception {
        DynamoDBLeaseRefresher refresher = new DynamoDBLeaseRefresher("app", async, new DynamoDBLeaseSerializer(),
                true, TableCreatorCallback.NOOP_TABLE_CREATOR_CALLBACK, Duration.ofSeconds(10),
                new DdbTableConfig().billingMode(BillingMode.PAY_PER_REQUEST), false, true, List.of());
        assertThat(refresher.createLeaseTableIfNotExists()).isTrue();
        assertThat(refresher.waitUntilLeaseTableExists(1, 10)).isTrue();
        refresher.createLeaseOwnerToLeaseKeyIndexIfNotExists();
        assertThat(refresher.waitUntilLeaseOwnerToLeaseKeyIndexExists(1, 10)).isTrue();
        assertThat(refresher.isLeaseOwnerToLeaseKeyIndexActive()).isTrue();
        for (int i = 0; i < 5; i++) {
            Lease lease = new Lease();
            lease.leaseKey("shardId-" + i);
            lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
            lease.ownerSwitchesSinceCheckpoint(0L);
            assertThat(refresher.createLeaseIfNotExists(lease)).isTrue();
            assertThat(refresher.createLeaseIfNotExists(lease)).isFalse();
        }

        Lease lease = refresher.getLease("shardId-0");
        assertThat(refresher.takeLease(lease, "w1")).isTrue();
        assertThat(refresher.renewLease(lease)).isTrue();
        assertThat(refresher.listLeaseKeysForWorker("w1")).containsExactly("shardId-0");
        lease.checkpoint(new ExtendedSequenceNumber("123"));
        assertThat(refresher.updateLease(lease)).isTrue();
        assertThat(refresher.getCheckpoint("shardId-0")).isEqualTo(new ExtendedSequenceNumber("123"));
        Lease stale = refresher.getLease("shardId-0");
        assertThat(refresher.initiateGracefulLeaseHandoff(lease, "w2")).isTrue();
        Lease handedOff = refresher.getLease("shardId-0");
        assertThat(handedOff.leaseOwner()).isEqualTo("w2");
        assertThat(handedOff.checkpointOwner()).isEqualTo("w1");
        assertThat(refresher.assignLease(handedOff, "w3")).isTrue();
        assertThat(refresher.renewLease(stale)).isFalse();
        Lease assigned = refresher.getLease("shardId-0");
        assertThat(assigned.leaseOwner()).isEqualTo("w3");
        assertThat(assigned.checkpointOwner()).isNull();
        assertThat(assigned.leaseCounter()).isEqualTo(4L);
        assertThat(refresher.evictLease(assigned)).isTrue();
        assertThat(refresher.getLease("shardId-0").leaseOwner()).isNull();
        assertThat(refresher.listLeases()).hasSize(5);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            assertThat(refresher.listLeasesParallely(executor, 3).getKey()).hasSize(5);
        } finally {
            executor.shutdown();
        }
        refresher.deleteAll();
        assertThat(refresher.isLeaseTableEmpty()).isTrue();
    }

    @Test
    void lockClientHoldsReleasesAndHandsOverTheLeaderLock() throws Exception {
        sync.createTable(b -> b.tableName("app-CoordinatorState").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S)));
        try (AmazonDynamoDBLockClient first = lockClient("w1"); AmazonDynamoDBLockClient second = lockClient("w2")) {
            LockItem held = first.acquireLock(AcquireLockOptions.builder("Leader")
                    .withData(ByteBuffer.wrap(new byte[] {1, 2})).withShouldSkipBlockingWait(true)
                    .withDeleteLockOnRelease(false).build());
            first.sendHeartbeat(held);
            assertThatThrownBy(() -> second.tryAcquireLock(AcquireLockOptions.builder("Leader")
                    .withShouldSkipBlockingWait(true).build()))
                    .isInstanceOf(LockCurrentlyUnavailableException.class);

            assertThat(first.releaseLock(held)).isTrue();
            Optional<LockItem> taken = second.tryAcquireLock(AcquireLockOptions.builder("Leader")
                    .withShouldSkipBlockingWait(true).withAcquireReleasedLocksConsistently(true).build());

            assertThat(taken).isPresent();
            Optional<LockItem> stored = second.getLockFromDynamoDB(GetLockOptions.builder("Leader").build());
            assertThat(stored).hasValueSatisfying(lock -> assertThat(lock.getOwnerName()).isEqualTo("w2"));
            assertThat(second.getAllLocksFromDynamoDB(false).toList()).hasSize(1);
        }
    }

    private static AmazonDynamoDBLockClient lockClient(String owner) {
        return new AmazonDynamoDBLockClient(AmazonDynamoDBLockClientOptions.builder(sync, "app-CoordinatorState")
                .withPartitionKeyName("key").withOwnerName(owner).withLeaseDuration(1000L).withHeartbeatPeriod(200L)
                .withTimeUnit(TimeUnit.MILLISECONDS).withCreateHeartbeatBackgroundThread(false).build());
    }
}
