package io.sluice.tests.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/** Drives {@link DynamoTestServer} with the real AWS SDK v2 clients through the calls KCL 3.x makes. */
class DynamoTestServerTest {

    private static final String INDEX = "LeaseOwnerToLeaseKeyIndex";

    private static DynamoTestServer server;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        server = DynamoTestServer.start();
        dynamo = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(server.endpoint())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        server.close();
    }

    @Test
    void createsTableAndAddsTheLeaseOwnerIndexThroughUpdateTable() {
        CreateTableResponse created = createLeaseTable("leases-index");
        TableDescription table = created.tableDescription();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/leases-index");
        assertThat(table.keySchema()).containsExactly(hashKey("leaseKey"));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.itemCount()).isZero();
        assertThat(table.creationDateTime()).isNotNull();
        assertThat(table.globalSecondaryIndexes()).isEmpty();
        dynamo.putItem(b -> b.tableName("leases-index").item(Map.of("leaseKey", s("shard-0"), "leaseOwner", s("w1"))));

        UpdateTableResponse updated = addLeaseOwnerIndex("leases-index");

        GlobalSecondaryIndexDescription index = updated.tableDescription().globalSecondaryIndexes().get(0);
        assertThat(updated.tableDescription().globalSecondaryIndexes()).hasSize(1);
        assertThat(index.indexName()).isEqualTo(INDEX);
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(index.keySchema()).containsExactly(hashKey("leaseOwner"));
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(index.itemCount()).isEqualTo(1L);
        TableDescription described = dynamo.describeTable(b -> b.tableName("leases-index")).table();
        assertThat(described.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexStatus)
                .containsExactly(IndexStatus.ACTIVE);
        assertThat(described.itemCount()).isEqualTo(1L);
        assertThat(described.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactly("leaseKey", "leaseOwner");
        assertThatThrownBy(() -> addLeaseOwnerIndex("leases-index")).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> createLeaseTable("leases-index")).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void conditionalPutWithAttributeNotExistsSucceedsOnceThenFails() {
        createLeaseTable("leases-put");
        Map<String, AttributeValue> first = Map.of("leaseKey", s("shard-1"), "checkpoint", s("TRIM_HORIZON"),
                "leaseCounter", n("0"));
        dynamo.putItem(b -> b.tableName("leases-put").item(first)
                .conditionExpression("attribute_not_exists(leaseKey)"));

        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(b -> b.tableName("leases-put")
                        .item(Map.of("leaseKey", s("shard-1"), "checkpoint", s("LATEST")))
                        .conditionExpression("attribute_not_exists(leaseKey)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertThat(failure.statusCode()).isEqualTo(400);
        assertThat(failure.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
        assertThat(failure.item()).isEqualTo(first);
        assertThat(getLease("leases-put", "shard-1")).isEqualTo(first);
        ConditionalCheckFailedException withoutItem = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(b -> b.tableName("leases-put").item(Map.of("leaseKey", s("shard-1")))
                        .conditionExpression("attribute_not_exists(leaseKey)")));
        assertThat(withoutItem.hasItem()).isFalse();
    }

    @Test
    void legacyExpectedChecksAbsenceAndEquality() {
        createLeaseTable("leases-expected");
        Map<String, ExpectedAttributeValue> absent =
                Map.of("leaseKey", ExpectedAttributeValue.builder().exists(false).build());
        dynamo.putItem(b -> b.tableName("leases-expected").expected(absent)
                .item(Map.of("leaseKey", s("shard-2"), "leaseCounter", n("1"))));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("leases-expected").expected(absent)
                .item(Map.of("leaseKey", s("shard-2"), "leaseCounter", n("5")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        Map<String, ExpectedAttributeValue> counterIsOne =
                Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("1")).build());
        dynamo.putItem(b -> b.tableName("leases-expected").expected(counterIsOne)
                .item(Map.of("leaseKey", s("shard-2"), "leaseCounter", n("2"))));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("leases-expected").expected(counterIsOne)
                .item(Map.of("leaseKey", s("shard-2"), "leaseCounter", n("3")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        Map<String, ExpectedAttributeValue> existsAndIsTwo =
                Map.of("leaseCounter", ExpectedAttributeValue.builder().exists(true).value(n("2.0")).build());
        dynamo.deleteItem(b -> b.tableName("leases-expected").key(leaseKey("shard-2")).expected(existsAndIsTwo));

        assertThat(getLease("leases-expected", "shard-2")).isEmpty();
    }

    @Test
    void attributeUpdatesAddPutAndDeleteReturnTheNewItem() {
        createLeaseTable("leases-updates");
        dynamo.putItem(b -> b.tableName("leases-updates").item(Map.of("leaseKey", s("shard-3"),
                "leaseCounter", n("7"), "leaseOwner", s("w1"), "checkpointOwner", s("w2"),
                "childShardIds", AttributeValue.fromSs(List.of("a", "b", "c")))));
        Map<String, AttributeValueUpdate> updates = Map.of(
                "leaseCounter", update(AttributeAction.ADD, n("1")),
                "ownerSwitchesSinceCheckpoint", update(AttributeAction.ADD, n("1")),
                "leaseOwner", update(AttributeAction.PUT, s("w3")),
                "checkpointOwner", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                "childShardIds", update(AttributeAction.DELETE, AttributeValue.fromSs(List.of("b"))));

        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName("leases-updates").key(leaseKey("shard-3"))
                .attributeUpdates(updates)
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("7")).build()))
                .returnValues(ReturnValue.ALL_NEW));

        Map<String, AttributeValue> expected = Map.of("leaseKey", s("shard-3"), "leaseCounter", n("8"),
                "ownerSwitchesSinceCheckpoint", n("1"), "leaseOwner", s("w3"),
                "childShardIds", AttributeValue.fromSs(List.of("a", "c")));
        assertThat(response.attributes()).isEqualTo(expected);
        assertThat(getLease("leases-updates", "shard-3")).isEqualTo(expected);
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("leases-updates").key(leaseKey("shard-3"))
                .attributeUpdates(updates)
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("7")).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        dynamo.updateItem(b -> b.tableName("leases-updates").key(leaseKey("shard-4"))
                .attributeUpdates(Map.of("leaseCounter", update(AttributeAction.ADD, n("1")))));
        assertThat(getLease("leases-updates", "shard-4"))
                .isEqualTo(Map.of("leaseKey", s("shard-4"), "leaseCounter", n("1")));
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("leases-updates").key(leaseKey("shard-4"))
                .attributeUpdates(Map.of("leaseKey", update(AttributeAction.PUT, s("other"))))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("part of the key");
    }

    @Test
    void lockClientStyleUpdateExpressionChecksTheRecordVersion() {
        createTable("app-CoordinatorState", "key");
        dynamo.putItem(b -> b.tableName("app-CoordinatorState")
                .item(Map.of("key", s("Leader"), "ownerName", s("w1"), "recordVersionNumber", s("rvn-1"),
                        "leaseDuration", s("10000"), "data", s("payload")))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", "key")));
        Map<String, String> names = Map.of("#pk", "key", "#ld", "leaseDuration", "#rvn", "recordVersionNumber",
                "#on", "ownerName");
        Map<String, AttributeValue> values = Map.of(":ld", s("20000"), ":newRvn", s("rvn-2"), ":rvn", s("rvn-1"),
                ":on", s("w1"));

        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName("app-CoordinatorState")
                .key(Map.of("key", s("Leader")))
                .updateExpression("SET #ld = :ld, #rvn = :newRvn")
                .conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW));

        assertThat(response.attributes()).isEqualTo(Map.of("key", s("Leader"), "ownerName", s("w1"),
                "recordVersionNumber", s("rvn-2"), "leaseDuration", s("20000"), "data", s("payload")));
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("app-CoordinatorState")
                .key(Map.of("key", s("Leader")))
                .updateExpression("SET #ld = :ld, #rvn = :newRvn")
                .conditionExpression("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on")
                .expressionAttributeNames(names).expressionAttributeValues(values)))
                .isInstanceOf(ConditionalCheckFailedException.class);

        UpdateItemResponse removed = dynamo.updateItem(b -> b.tableName("app-CoordinatorState")
                .key(Map.of("key", s("Leader")))
                .updateExpression("SET #rvn = :newRvn REMOVE #d")
                .conditionExpression("(attribute_exists(#pk) AND #rvn = :rvn AND #on = :on)")
                .expressionAttributeNames(Map.of("#pk", "key", "#rvn", "recordVersionNumber", "#on", "ownerName",
                        "#d", "data"))
                .expressionAttributeValues(Map.of(":newRvn", s("rvn-3"), ":rvn", s("rvn-2"), ":on", s("w1")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(removed.attributes())
                .isEqualTo(Map.of("recordVersionNumber", s("rvn-2"), "data", s("payload")));
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("app-CoordinatorState")
                .key(Map.of("key", s("Leader")))
                .updateExpression("SET #rvn = :newRvn")
                .expressionAttributeNames(Map.of("#rvn", "recordVersionNumber", "#unused", "x"))
                .expressionAttributeValues(Map.of(":newRvn", s("rvn-4")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(
                        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void updateExpressionFunctionsArithmeticAndNestedPaths() {
        createLeaseTable("leases-expressions");
        dynamo.putItem(b -> b.tableName("leases-expressions").item(Map.of("leaseKey", s("shard-5"),
                "info", AttributeValue.fromM(Map.of("a", n("1"))), "obsolete", s("x"))));

        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName("leases-expressions")
                .key(leaseKey("shard-5"))
                .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, info.b = :two, "
                        + "tags = list_append(if_not_exists(tags, :empty), :tags) REMOVE obsolete ADD owners :owners")
                .conditionExpression("size(info) = :one AND NOT contains(obsolete, :two) AND begins_with(obsolete, :x)")
                .expressionAttributeNames(Map.of("#c", "counter"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"), ":two", n("2"),
                        ":empty", AttributeValue.fromL(List.of()), ":tags", AttributeValue.fromL(List.of(s("t"))),
                        ":owners", AttributeValue.fromSs(List.of("w1")), ":x", s("x")))
                .returnValues(ReturnValue.UPDATED_NEW));

        assertThat(response.attributes()).isEqualTo(Map.of("counter", n("1"),
                "info", AttributeValue.fromM(Map.of("a", n("1"), "b", n("2"))),
                "tags", AttributeValue.fromL(List.of(s("t"))), "owners", AttributeValue.fromSs(List.of("w1"))));
        assertThat(getLease("leases-expressions", "shard-5")).doesNotContainKey("obsolete");
        Map<String, AttributeValue> projected = dynamo.getItem(b -> b.tableName("leases-expressions")
                .key(leaseKey("shard-5")).projectionExpression("info.b, #c")
                .expressionAttributeNames(Map.of("#c", "counter")).consistentRead(true)).item();
        assertThat(projected).isEqualTo(Map.of("counter", n("1"), "info", AttributeValue.fromM(Map.of("b", n("2")))));
    }

    @Test
    void parallelScanSegmentsReturnEveryItemExactlyOnce() {
        createLeaseTable("leases-scan");
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < 30; i++) {
            String key = String.format("shard-%02d", i);
            all.add(key);
            dynamo.putItem(b -> b.tableName("leases-scan").item(Map.of("leaseKey", s(key), "leaseCounter", n("1"))));
        }

        List<String> seen = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            List<String> inSegment = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                int currentSegment = segment;
                ScanResponse page = dynamo.scan(b -> b.tableName("leases-scan").segment(currentSegment)
                        .totalSegments(3).limit(4).consistentRead(true).exclusiveStartKey(exclusiveStart));
                assertThat(page.count()).isLessThanOrEqualTo(4);
                page.items().forEach(item -> inSegment.add(item.get("leaseKey").s()));
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            assertThat(inSegment).isNotEmpty().isSorted();
            seen.addAll(inSegment);
        }

        assertThat(seen).hasSize(30).containsExactlyInAnyOrderElementsOf(all);
        List<String> ordered = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName("leases-scan").limit(7))
                .items().forEach(item -> ordered.add(item.get("leaseKey").s()));
        assertThat(ordered).containsExactlyElementsOf(all);
    }

    @Test
    void scanFiltersOnEntityType() {
        createLeaseTable("leases-filter");
        dynamo.putItem(b -> b.tableName("leases-filter").item(Map.of("leaseKey", s("a"), "entityType", s("WORKER"))));
        dynamo.putItem(b -> b.tableName("leases-filter").item(Map.of("leaseKey", s("b"), "entityType", s("LEASE"))));
        dynamo.putItem(b -> b.tableName("leases-filter").item(Map.of("leaseKey", s("c"))));
        dynamo.putItem(b -> b.tableName("leases-filter").item(Map.of("leaseKey", s("d"), "entityType", s("WORKER"))));

        ScanResponse workers = dynamo.scan(b -> b.tableName("leases-filter")
                .filterExpression("entityType = :entityType")
                .expressionAttributeValues(Map.of(":entityType", s("WORKER"))));

        assertThat(workers.items()).containsExactly(Map.of("leaseKey", s("a"), "entityType", s("WORKER")),
                Map.of("leaseKey", s("d"), "entityType", s("WORKER")));
        assertThat(workers.count()).isEqualTo(2);
        assertThat(workers.scannedCount()).isEqualTo(4);
        assertThat(workers.hasLastEvaluatedKey()).isFalse();
        ScanResponse others = dynamo.scan(b -> b.tableName("leases-filter")
                .filterExpression("attribute_not_exists(#et) OR NOT #et IN (:w, :x)")
                .expressionAttributeNames(Map.of("#et", "entityType"))
                .expressionAttributeValues(Map.of(":w", s("WORKER"), ":x", s("X"))));
        assertThat(others.items()).extracting(item -> item.get("leaseKey").s()).containsExactly("b", "c");
    }

    @Test
    void queriesTheLeaseOwnerIndexPageByPage() {
        createLeaseTable("leases-query");
        addLeaseOwnerIndex("leases-query");
        String[] owners = {"w1", "w2", "w1", "w1", "w2", "w1", null, "w1"};
        for (int i = 0; i < owners.length; i++) {
            Map<String, AttributeValue> item = new HashMap<>(Map.of("leaseKey", s("shard-" + i),
                    "checkpoint", s("cp-" + i)));
            if (owners[i] != null) {
                item.put("leaseOwner", s(owners[i]));
            }
            dynamo.putItem(b -> b.tableName("leases-query").item(item));
        }

        List<List<String>> pages = new ArrayList<>();
        List<Map<String, AttributeValue>> lastKeys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(b -> b.tableName("leases-query").indexName(INDEX)
                    .keyConditionExpression("leaseOwner = :leaseOwner")
                    .expressionAttributeValues(Map.of(":leaseOwner", s("w1")))
                    .limit(2).exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> assertThat(item).containsOnlyKeys("leaseKey", "leaseOwner"));
            pages.add(page.items().stream().map(item -> item.get("leaseKey").s()).toList());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            lastKeys.add(start);
        } while (start != null);

        assertThat(pages).containsExactly(List.of("shard-0", "shard-2"), List.of("shard-3", "shard-5"),
                List.of("shard-7"));
        assertThat(lastKeys.get(0)).isEqualTo(Map.of("leaseKey", s("shard-2"), "leaseOwner", s("w1")));
        QueryResponse backwards = dynamo.query(b -> b.tableName("leases-query").indexName(INDEX)
                .keyConditionExpression("#lo = :leaseOwner").scanIndexForward(false)
                .expressionAttributeNames(Map.of("#lo", "leaseOwner"))
                .expressionAttributeValues(Map.of(":leaseOwner", s("w2"))));
        assertThat(backwards.items()).extracting(item -> item.get("leaseKey").s())
                .containsExactly("shard-4", "shard-1");
        assertThat(backwards.count()).isEqualTo(2);
        assertThatThrownBy(() -> dynamo.query(b -> b.tableName("leases-query").indexName(INDEX).consistentRead(true)
                .keyConditionExpression("leaseOwner = :leaseOwner")
                .expressionAttributeValues(Map.of(":leaseOwner", s("w1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Consistent reads are not supported");
    }

    @Test
    void queriesARangeKeyWithBeginsWithAndBetween() {
        dynamo.createTable(b -> b.tableName("streams").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hashKey("stream"), KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE)
                        .build())
                .attributeDefinitions(definition("stream", ScalarAttributeType.S),
                        definition("seq", ScalarAttributeType.N)));
        for (int i = 1; i <= 12; i++) {
            int seq = i;
            dynamo.putItem(b -> b.tableName("streams")
                    .item(Map.of("stream", s("s1"), "seq", n(Integer.toString(seq)))));
        }
        dynamo.putItem(b -> b.tableName("streams").item(Map.of("stream", s("s2"), "seq", n("5"))));

        QueryResponse between = dynamo.query(b -> b.tableName("streams")
                .keyConditionExpression("(seq BETWEEN :lo AND :hi) AND stream = :s").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":s", s("s1"), ":lo", n("3"), ":hi", n("10"))));

        assertThat(between.items()).extracting(item -> item.get("seq").n())
                .containsExactly("10", "9", "8", "7", "6", "5", "4", "3");
        QueryResponse greater = dynamo.query(b -> b.tableName("streams")
                .keyConditionExpression("stream = :s AND seq > :n")
                .expressionAttributeValues(Map.of(":s", s("s1"), ":n", n("9"))));
        assertThat(greater.items()).extracting(item -> item.get("seq").n()).containsExactly("10", "11", "12");
        assertThatThrownBy(() -> dynamo.query(b -> b.tableName("streams").keyConditionExpression("seq = :n")
                .expressionAttributeValues(Map.of(":n", n("1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("missed key schema element: stream");
    }

    @Test
    void deleteItemWithWorkerMetricsCondition() {
        createLeaseTable("leases-delete");
        Map<String, AttributeValue> item = Map.of("leaseKey", s("worker-1"), "lut", n("100"),
                "entityType", s("WORKER_METRIC_STATS"));
        dynamo.putItem(b -> b.tableName("leases-delete").item(item));
        String condition = "#key = :value AND attribute_exists (leaseKey)";

        assertThatThrownBy(() -> dynamo.deleteItem(b -> b.tableName("leases-delete").key(leaseKey("worker-1"))
                .conditionExpression(condition).expressionAttributeNames(Map.of("#key", "lut"))
                .expressionAttributeValues(Map.of(":value", n("99")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        Map<String, AttributeValue> deleted = dynamo.deleteItem(b -> b.tableName("leases-delete")
                .key(leaseKey("worker-1")).conditionExpression(condition)
                .expressionAttributeNames(Map.of("#key", "lut"))
                .expressionAttributeValues(Map.of(":value", n("100")))
                .returnValues(ReturnValue.ALL_OLD)).attributes();

        assertThat(deleted).isEqualTo(item);
        assertThat(dynamo.getItem(b -> b.tableName("leases-delete").key(leaseKey("worker-1"))).hasItem()).isFalse();
        assertThatThrownBy(() -> dynamo.deleteItem(b -> b.tableName("leases-delete").key(leaseKey("worker-1"))
                .conditionExpression(condition).expressionAttributeNames(Map.of("#key", "lut"))
                .expressionAttributeValues(Map.of(":value", n("100")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void describingAMissingTableIsResourceNotFound() {
        ResourceNotFoundException missing = catchThrowableOfType(ResourceNotFoundException.class,
                () -> dynamo.describeTable(b -> b.tableName("app-WorkerMetricStats")));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Requested resource not found: Table: app-WorkerMetricStats not found");
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("app-WorkerMetricStats")
                .key(Map.of("wid", s("w1"))))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void transactWriteItemsIsAllOrNothing() {
        createLeaseTable("leases-transact");
        dynamo.putItem(b -> b.tableName("leases-transact").item(Map.of("leaseKey", s("existing"))));

        TransactionCanceledException canceled = catchThrowableOfType(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(b -> b.transactItems(
                        t -> t.put(p -> p.tableName("leases-transact").item(Map.of("leaseKey", s("new")))),
                        t -> t.put(p -> p.tableName("leases-transact").item(Map.of("leaseKey", s("existing")))
                                .conditionExpression("attribute_not_exists(leaseKey)")))));

        assertThat(canceled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(getLease("leases-transact", "new")).isEmpty();
        dynamo.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName("leases-transact").item(Map.of("leaseKey", s("new")))),
                t -> t.delete(d -> d.tableName("leases-transact").key(leaseKey("existing"))
                        .conditionExpression("attribute_exists(leaseKey)"))));
        assertThat(getLease("leases-transact", "new")).isEqualTo(leaseKey("new"));
        assertThat(getLease("leases-transact", "existing")).isEmpty();
    }

    @Test
    void rejectsMalformedExpressionsAndKeysAsValidationErrors() {
        createLeaseTable("leases-invalid");

        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("leases-invalid").item(leaseKey("a"))
                .conditionExpression("attribute_exists(leaseKey AND")))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Invalid ConditionExpression: Syntax error");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("leases-invalid").item(leaseKey("a"))
                .conditionExpression("leaseOwner = :missing")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("An expression attribute value used in expression is not defined");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("leases-invalid").item(Map.of("other", s("x")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Missing the key leaseKey in the item");
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("leases-invalid").key(Map.of("leaseKey", n("1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Type mismatch for key leaseKey");
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("leases-invalid").key(leaseKey("a"))
                .updateExpression("SET a = :v, a = :w")
                .expressionAttributeValues(Map.of(":v", s("1"), ":w", s("2")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Two document paths overlap");
        assertThat(dynamo.scan(b -> b.tableName("leases-invalid")).count()).isZero();
    }

    @Test
    void answersWithTheWireFormatTheSdkChecks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> unknown = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.Frobnicate")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8))
                .contains("\"__type\":\"com.amazon.coral.service#UnknownOperationException\"");
        CRC32 crc = new CRC32();
        crc.update(unknown.body());
        assertThat(unknown.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        assertThat(unknown.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");

        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("SerializationException");
    }

    @Test
    void servesTheAsyncNettyClientKclUses() {
        try (DynamoDbAsyncClient async = DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(server.endpoint())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build()) {
            createLeaseTable("leases-async");
            async.putItem(b -> b.tableName("leases-async").item(Map.of("leaseKey", s("shard-9")))).join();

            Map<String, AttributeValue> item = async.getItem(b -> b.tableName("leases-async")
                    .key(leaseKey("shard-9")).consistentRead(true)).join().item();

            assertThat(item).isEqualTo(leaseKey("shard-9"));
            assertThat(async.listTables().join().tableNames()).contains("leases-async");
        }
    }

    private static CreateTableResponse createLeaseTable(String name) {
        return createTable(name, "leaseKey");
    }

    private static CreateTableResponse createTable(String name, String hashKey) {
        return dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hashKey(hashKey)).attributeDefinitions(definition(hashKey, ScalarAttributeType.S)));
    }

    private static UpdateTableResponse addLeaseOwnerIndex(String table) {
        return dynamo.updateTable(b -> b.tableName(table)
                .attributeDefinitions(definition("leaseKey", ScalarAttributeType.S),
                        definition("leaseOwner", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(INDEX)
                        .keySchema(hashKey("leaseOwner"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
    }

    private static Map<String, AttributeValue> getLease(String table, String key) {
        return dynamo.getItem(b -> b.tableName(table).key(leaseKey(key)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> leaseKey(String key) {
        return Map.of("leaseKey", s(key));
    }

    private static KeySchemaElement hashKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static AttributeValueUpdate update(AttributeAction action, AttributeValue value) {
        return AttributeValueUpdate.builder().action(action).value(value).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
