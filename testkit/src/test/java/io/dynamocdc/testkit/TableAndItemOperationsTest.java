package io.dynamocdc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Tables and items through the AWS SDK v2, as users call them. */
class TableAndItemOperationsTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbEmulator emulator;
    private static DynamoDbClient db;

    @BeforeAll
    static void start() {
        emulator = DynamoDbEmulator.start();
        db = SdkClients.dynamoDb(emulator.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stop() {
        db.close();
        emulator.close();
    }

    static String hashTable(DynamoDbClient client, String keyType) {
        String name = "items-" + TABLES.incrementAndGet();
        client.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(keyType)));
        return name;
    }

    static String rangeTable(DynamoDbClient client) {
        String name = "ranged-" + TABLES.incrementAndGet();
        client.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N")));
        return name;
    }

    @Test
    void createDescribeListAndDeleteTables() {
        String name = hashTable(db, "S");
        var table = db.describeTable(b -> b.tableName(name)).table();
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString()).containsExactly("id:HASH");
        assertThat(db.listTables().tableNames()).contains(name);
        assertThatThrownBy(() -> hashTableNamed(name)).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Table already exists: " + name);

        db.deleteTable(b -> b.tableName(name));
        assertThatThrownBy(() -> db.describeTable(b -> b.tableName(name))).isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400));
    }

    private void hashTableNamed(String name) {
        db.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
    }

    @Test
    void listTablesPagesInNameOrder() {
        try (DynamoDbClient other = SdkClients.dynamoDb(emulator.endpoint(), "ap-south-1")) {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(hashTable(other, "S"));
            }
            var first = other.listTables(b -> b.limit(3));
            assertThat(first.tableNames()).hasSize(3);
            var rest = other.listTables(b -> b.exclusiveStartTableName(first.lastEvaluatedTableName()));
            List<String> all = new ArrayList<>(first.tableNames());
            all.addAll(rest.tableNames());
            assertThat(all).containsExactlyElementsOf(created.stream().sorted().toList());
            assertThat(rest.lastEvaluatedTableName()).isNull();
        }
    }

    @Test
    void regionsAreSeparate() {
        String name = hashTable(db, "S");
        try (DynamoDbClient elsewhere = SdkClients.dynamoDb(emulator.endpoint(), "eu-central-1")) {
            assertThatThrownBy(() -> elsewhere.describeTable(b -> b.tableName(name))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void invalidTableRequestsAreValidationErrors() {
        assertThatThrownBy(() -> db.createTable(b -> b.tableName("bad name!")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("regular expression pattern");
        assertThatThrownBy(() -> db.createTable(b -> b.tableName("no-definition")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("other").attributeType("S"))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("not defined in AttributeDefinitions");
    }

    @Test
    void putGetDeleteWithNumbersKeptExactAndNormalised() {
        String name = hashTable(db, "S");
        db.putItem(b -> b.tableName(name).item(Map.of("id", s("a"), "price", n("12345678901234567890.123456789012345678"),
                "qty", n("3.00"), "tags", AttributeValue.fromSs(List.of("b", "a")))));
        var item = db.getItem(b -> b.tableName(name).key(Map.of("id", s("a")))).item();
        assertThat(item.get("price").n()).isEqualTo("12345678901234567890.123456789012345678");
        assertThat(item.get("qty").n()).isEqualTo("3");
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "b");

        assertThatThrownBy(() -> db.putItem(b -> b.tableName(name).item(Map.of("id", s("b"),
                "n", n("1.23456789012345678901234567890123456789")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("38 significant digits");

        var deleted = db.deleteItem(b -> b.tableName(name).key(Map.of("id", s("a"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("qty", n("3"));
        assertThat(db.getItem(b -> b.tableName(name).key(Map.of("id", s("a")))).hasItem()).isFalse();
    }

    @Test
    void keysAreCheckedAsDynamoDbChecksThem() {
        String name = hashTable(db, "S");
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(name).item(Map.of("other", s("x")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Missing the key id in the item");
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(name).item(Map.of("id", n("1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Type mismatch for key id expected: S actual: N");
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(name).item(Map.of("id", s("")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("empty string value. Key: id");
        assertThatThrownBy(() -> db.getItem(b -> b.tableName(name).key(Map.of("id", s("x"), "extra", s("y")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("The provided key element does not match the schema");
    }

    @Test
    void conditionsDecideWhetherAWriteHappens() {
        String name = hashTable(db, "S");
        db.putItem(b -> b.tableName(name).item(Map.of("id", s("a"), "v", n("1"))).conditionExpression("attribute_not_exists(id)"));
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(name).item(Map.of("id", s("a"), "v", n("2")))
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400));
        db.putItem(b -> b.tableName(name).item(Map.of("id", s("a"), "v", n("2")))
                .conditionExpression("#v < :limit").expressionAttributeNames(Map.of("#v", "v"))
                .expressionAttributeValues(Map.of(":limit", n("5"))));
        assertThatThrownBy(() -> db.deleteItem(b -> b.tableName(name).key(Map.of("id", s("a")))
                .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n("1")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(db.getItem(b -> b.tableName(name).key(Map.of("id", s("a")))).item()).containsEntry("v", n("2"));
    }

    @Test
    void updateItemAppliesEveryClauseAndReturnsWhatWasAsked() {
        String name = hashTable(db, "S");
        db.putItem(b -> b.tableName(name).item(Map.of("id", s("a"), "qty", n("2"), "old", s("x"),
                "tags", AttributeValue.fromSs(List.of("red", "blue")))));
        var updated = db.updateItem(b -> b.tableName(name).key(Map.of("id", s("a")))
                .updateExpression("SET qty = qty + :one, price = if_not_exists(price, :p) REMOVE old ADD tags :green")
                .expressionAttributeValues(Map.of(":one", n("1"), ":p", n("9.99"), ":green", AttributeValue.fromSs(List.of("green"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updated.attributes().get("tags").ss()).containsExactlyInAnyOrder("green", "red", "blue");
        updated = db.updateItem(b -> b.tableName(name).key(Map.of("id", s("a"))).updateExpression("DELETE tags :blue")
                .expressionAttributeValues(Map.of(":blue", AttributeValue.fromSs(List.of("blue")))).returnValues(ReturnValue.ALL_NEW));
        assertThat(updated.attributes()).containsEntry("qty", n("3")).containsEntry("price", n("9.99"))
                .doesNotContainKey("old");
        assertThat(updated.attributes().get("tags").ss()).containsExactlyInAnyOrder("green", "red");

        var old = db.updateItem(b -> b.tableName(name).key(Map.of("id", s("a")))
                .updateExpression("SET qty = :ten").expressionAttributeValues(Map.of(":ten", n("10")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).containsExactly(Map.entry("qty", n("3")));

        var created = db.updateItem(b -> b.tableName(name).key(Map.of("id", s("new")))
                .updateExpression("SET qty = :ten").expressionAttributeValues(Map.of(":ten", n("10")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).containsEntry("id", s("new")).containsEntry("qty", n("10"));

        assertThatThrownBy(() -> db.updateItem(b -> b.tableName(name).key(Map.of("id", s("a")))
                .updateExpression("SET id = :x").expressionAttributeValues(Map.of(":x", s("b")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Cannot update attribute id. This attribute is part of the key");
        assertThatThrownBy(() -> db.updateItem(b -> b.tableName(name).key(Map.of("id", s("a")))
                .updateExpression("SET qty = :x").expressionAttributeValues(Map.of(":x", n("1"), ":unused", n("2")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("unused in expressions: keys: {:unused}");
    }

    @Test
    void batchWritesAndGets() {
        String name = hashTable(db, "N");
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int id = i;
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("id", n(String.valueOf(id))))).build());
        }
        assertThat(db.batchWriteItem(b -> b.requestItems(Map.of(name, puts))).unprocessedItems()).isEmpty();
        List<WriteRequest> tooMany = new ArrayList<>(puts);
        tooMany.add(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id", n("99")))).build());
        assertThatThrownBy(() -> db.batchWriteItem(b -> b.requestItems(Map.of(name, tooMany))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Too many items requested for the BatchWriteItem call");
        List<WriteRequest> duplicated = List.of(puts.get(0), puts.get(0));
        assertThatThrownBy(() -> db.batchWriteItem(b -> b.requestItems(Map.of(name, duplicated))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("contains duplicates");

        var got = db.batchGetItem(b -> b.requestItems(Map.of(name, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                .builder().keys(Map.of("id", n("3")), Map.of("id", n("300"))).build())));
        assertThat(got.responses().get(name)).containsExactly(Map.of("id", n("3")));
    }

    @Test
    void scanPagesAndSegmentsCoverEveryItemOnce() {
        String name = hashTable(db, "S");
        for (int i = 0; i < 40; i++) {
            int id = i;
            db.putItem(b -> b.tableName(name).item(Map.of("id", s("k" + id), "even", AttributeValue.fromBool(id % 2 == 0))));
        }
        Set<String> paged = new HashSet<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(b -> b.tableName(name).limit(7).exclusiveStartKey(from));
            page.items().forEach(item -> assertThat(paged.add(item.get("id").s())).isTrue());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(paged).hasSize(40);
        assertThat(pages).isBetween(6, 7);

        Set<String> segmented = new HashSet<>();
        for (int segment = 0; segment < 4; segment++) {
            int which = segment;
            db.scan(b -> b.tableName(name).segment(which).totalSegments(4)).items()
                    .forEach(item -> assertThat(segmented.add(item.get("id").s())).isTrue());
        }
        assertThat(segmented).isEqualTo(paged);

        ScanResponse evens = db.scan(b -> b.tableName(name).filterExpression("even = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))).select(Select.COUNT));
        assertThat(evens.count()).isEqualTo(20);
        assertThat(evens.scannedCount()).isEqualTo(40);
        assertThatThrownBy(() -> db.scan(b -> b.tableName(name).segment(4).totalSegments(4)))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("must be less than parameter TotalSegments");
    }

    @Test
    void queryReadsOnePartitionInSortKeyOrder() {
        String name = rangeTable(db);
        for (int i = 1; i <= 12; i++) {
            int sk = i;
            db.putItem(b -> b.tableName(name).item(Map.of("pk", s("p1"), "sk", n(String.valueOf(sk)))));
            db.putItem(b -> b.tableName(name).item(Map.of("pk", s("p2"), "sk", n(String.valueOf(sk)))));
        }
        var all = db.query(b -> b.tableName(name).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1"))));
        assertThat(all.items()).extracting(item -> item.get("sk").n())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        var between = db.query(b -> b.tableName(name).keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":p", s("p2"), ":a", n("3"), ":b", n("5"))).scanIndexForward(false));
        assertThat(between.items()).extracting(item -> item.get("sk").n()).containsExactly("5", "4", "3");

        var firstPage = db.query(b -> b.tableName(name).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1"))).limit(5));
        assertThat(firstPage.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p1"), "sk", n("5")));
        var secondPage = db.query(b -> b.tableName(name).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1"))).limit(5).exclusiveStartKey(firstPage.lastEvaluatedKey()));
        assertThat(secondPage.items()).extracting(item -> item.get("sk").n()).containsExactly("6", "7", "8", "9", "10");
        // The next page starts after the last key even when that item is gone by now.
        db.deleteItem(b -> b.tableName(name).key(Map.of("pk", s("p1"), "sk", n("5"))));
        var afterDeleted = db.query(b -> b.tableName(name).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1"))).limit(2).exclusiveStartKey(firstPage.lastEvaluatedKey()));
        assertThat(afterDeleted.items()).extracting(item -> item.get("sk").n()).containsExactly("6", "7");
        assertThatThrownBy(() -> db.query(b -> b.tableName(name).keyConditionExpression("sk = :p")
                .expressionAttributeValues(Map.of(":p", n("1")))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Query condition missed key schema element");
    }

    @Test
    void unknownTablesAndOperationsAreNamed() {
        assertThatThrownBy(() -> db.putItem(b -> b.tableName("missing").item(new HashMap<>(Map.of("id", s("a"))))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("missing");
    }

    static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    static AttributeValue n(String number) {
        return AttributeValue.fromN(number);
    }
}
