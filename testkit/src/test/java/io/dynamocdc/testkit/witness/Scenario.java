package io.dynamocdc.testkit.witness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The witness scenario, written once and run against each backend: every observable answer is kept,
 * step by step, as a plain tree (see {@link ModelTree}); nothing is normalised here.
 */
final class Scenario {

    static final String TABLE = "witness_orders";
    static final String MISSING_TABLE = "witness_no_such_table";
    static final int SCAN_LIMIT = 2;
    static final int TOTAL_SEGMENTS = 3;

    private final DynamoDbClient db;
    private final DynamoDbStreamsClient streams;
    private final Map<String, Object> seen = new LinkedHashMap<>();

    Scenario(Backend backend) {
        this.db = backend.db();
        this.streams = backend.streams();
    }

    /** Runs every step in order; the answer of each, by step name. */
    Map<String, Object> run() {
        createTable();
        writeItems();
        readItems();
        String nextIterator = readStream();
        writeNothingNew(nextIterator);
        askForMissingTable();
        return seen;
    }

    private void createTable() {
        record("createTable", db.createTable(b -> b.tableName(TABLE)
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))));
        record("describeTable", db.describeTable(b -> b.tableName(TABLE)));
    }

    private void writeItems() {
        put("put.alpha1", item("alpha", 1, "note", s("a1"), "qty", n("1"), "tags", ss("x")));
        put("put.alpha2", item("alpha", 2, "note", s("a2"), "qty", n("2"), "gone", s("remove me")));
        put("put.alpha3", item("alpha", 3, "note", s("a3"), "qty", n("3")));
        put("put.beta1", item("beta", 1, "note", s("b1")));
        put("put.gamma1", item("gamma", 1, "note", s("g1")));
        put("put.delta1", item("delta", 1, "note", s("d1")));
        put("put.epsilon1", item("epsilon", 1, "note", s("e1"), "nested", AttributeValue.fromM(Map.of("deep", n("1.50")))));

        record("updateItem.updatedOld", db.updateItem(b -> b.tableName(TABLE).key(key("alpha", 2))
                .updateExpression("SET note = :note ADD qty :one, tags :tags, added :one REMOVE gone")
                .expressionAttributeValues(Map.of(":note", s("a2 changed"), ":one", n("1"), ":tags", ss("y", "z")))
                .returnValues(ReturnValue.UPDATED_OLD)));
        record("updateItem.allNew", db.updateItem(b -> b.tableName(TABLE).key(key("alpha", 2))
                .updateExpression("SET note = :note ADD qty :one REMOVE added")
                .expressionAttributeValues(Map.of(":note", s("a2 again"), ":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW)));
        recordError("putItem.conditionFails", () -> db.putItem(b -> b.tableName(TABLE)
                .item(item("alpha", 1, "note", s("never written")))
                .conditionExpression("attribute_not_exists(pk)")));
        record("deleteItem.allOld", db.deleteItem(b -> b.tableName(TABLE).key(key("delta", 1)).returnValues(ReturnValue.ALL_OLD)));
        record("deleteItem.absentAllOld", db.deleteItem(b -> b.tableName(TABLE).key(key("zeta", 9))
                .returnValues(ReturnValue.ALL_OLD)));
    }

    private void readItems() {
        record("getItem.present", db.getItem(b -> b.tableName(TABLE).key(key("alpha", 2))));
        record("getItem.absent", db.getItem(b -> b.tableName(TABLE).key(key("zeta", 9))));
        record("query.partition", db.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("alpha")))));
        record("query.sortKeyBackward", db.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk AND sk > :sk")
                .expressionAttributeValues(Map.of(":pk", s("alpha"), ":sk", n("1"))).scanIndexForward(false)));
        List<Object> fullScan = sorted(db.scan(b -> b.tableName(TABLE)).items());
        seen.put("scan.full", fullScan);
        seen.put("scan.paging", scanPages(fullScan));
        seen.put("scan.segments", scanSegments(fullScan));
    }

    /**
     * Pages with Limit until no LastEvaluatedKey. Page boundaries depend on the (implementation-defined)
     * scan order, so what is compared is the union, the counts and the number of pages.
     */
    private Map<String, Object> scanPages(List<Object> fullScan) {
        List<Object> union = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        int scanned = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(b -> b.tableName(TABLE).limit(SCAN_LIMIT).exclusiveStartKey(from));
            page.items().forEach(item -> union.add(ModelTree.of(item)));
            pageSizes.add(page.count());
            scanned += page.scannedCount();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && pageSizes.size() < 20);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pageCount", pageSizes.size());
        summary.put("everyPageWithinLimit", pageSizes.stream().allMatch(size -> size <= SCAN_LIMIT));
        summary.put("totalCount", pageSizes.stream().mapToInt(Integer::intValue).sum());
        summary.put("totalScannedCount", scanned);
        summary.put("duplicates", union.size() - new HashSet<>(union).size());
        summary.put("unionEqualsFullScan", sorted(union).equals(fullScan));
        summary.put("items", sorted(union));
        return summary;
    }

    /** Segments split the table by an implementation-defined hash: only their union is compared. */
    private Map<String, Object> scanSegments(List<Object> fullScan) {
        List<Object> union = new ArrayList<>();
        int count = 0;
        for (int segment = 0; segment < TOTAL_SEGMENTS; segment++) {
            int current = segment;
            ScanResponse answer = db.scan(b -> b.tableName(TABLE).segment(current).totalSegments(TOTAL_SEGMENTS));
            answer.items().forEach(item -> union.add(ModelTree.of(item)));
            count += answer.count();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("totalCount", count);
        summary.put("duplicates", union.size() - new HashSet<>(union).size());
        summary.put("unionEqualsFullScan", sorted(union).equals(fullScan));
        return summary;
    }

    /** ListStreams, DescribeStream, TRIM_HORIZON, then AFTER_SEQUENCE_NUMBER of the 2nd record; gives the iterator past the end. */
    private String readStream() {
        var listed = streams.listStreams(b -> b.tableName(TABLE));
        record("streams.listStreams", listed);
        String arn = listed.streams().get(0).streamArn();
        var described = streams.describeStream(b -> b.streamArn(arn));
        record("streams.describeStream", described);
        String shardId = described.streamDescription().shards().get(0).shardId();

        var trimHorizon = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON));
        record("streams.trimHorizonIterator", trimHorizon);
        Reading all = readToEnd(trimHorizon.shardIterator());
        seen.put("streams.fromTrimHorizon", all.tree());
        seen.put("streams.eventIdsDistinct", all.records().stream().map(Record::eventID).distinct().count() == all.records().size());

        String second = all.records().get(1).dynamodb().sequenceNumber();
        var after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(second));
        Reading afterSecond = readToEnd(after.shardIterator());
        seen.put("streams.afterSecondRecord", afterSecond.tree());
        seen.put("streams.afterSecondRecordStartsAtThird",
                afterSecond.records().get(0).dynamodb().sequenceNumber().equals(all.records().get(2).dynamodb().sequenceNumber()));
        return all.nextIterator();
    }

    /**
     * A put of an identical item and an update that sets a value already there change nothing; then
     * the stream is read on from where the earlier read ended.
     */
    private void writeNothingNew(String nextIterator) {
        put("noOpWrites.putIdentical", item("beta", 1, "note", s("b1")));
        record("noOpWrites.updateToSameValue", db.updateItem(b -> b.tableName(TABLE).key(key("gamma", 1))
                .updateExpression("SET note = :note").expressionAttributeValues(Map.of(":note", s("g1")))));
        seen.put("noOpWrites.streamAfterwards", readToEnd(nextIterator).tree());
    }

    private void askForMissingTable() {
        recordError("missingTable.describeTable", () -> db.describeTable(b -> b.tableName(MISSING_TABLE)));
        recordError("missingTable.getItem", () -> db.getItem(b -> b.tableName(MISSING_TABLE).key(key("alpha", 1))));
        recordError("missingTable.putItem", () -> db.putItem(b -> b.tableName(MISSING_TABLE).item(item("alpha", 1))));
        recordError("missingTable.query", () -> db.query(b -> b.tableName(MISSING_TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("alpha")))));
        recordError("missingTable.scan", () -> db.scan(b -> b.tableName(MISSING_TABLE)));
        recordError("missingTable.listStreams", () -> streams.listStreams(b -> b.tableName(MISSING_TABLE)));
    }

    /** Every record from an iterator on, calling GetRecords until a call brings nothing new. */
    private Reading readToEnd(String iterator) {
        List<Record> records = new ArrayList<>();
        String next = iterator;
        boolean endedWithIterator = true;
        for (int call = 0; call < 10 && next != null; call++) {
            String from = next;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(from));
            records.addAll(page.records());
            if (page.nextShardIterator() == null) {
                endedWithIterator = false;
            } else {
                next = page.nextShardIterator();
            }
            if (page.records().isEmpty() || !endedWithIterator) {
                break;
            }
        }
        return new Reading(records, next, endedWithIterator);
    }

    /** The records of one read, and whether the open shard still gave a NextShardIterator at the end. */
    private record Reading(List<Record> records, String nextIterator, boolean openShardKeepsIterator) {
        Map<String, Object> tree() {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("Records", ModelTree.of(records));
            tree.put("openShardKeepsIterator", openShardKeepsIterator);
            return tree;
        }
    }

    private void put(String step, Map<String, AttributeValue> item) {
        record(step, db.putItem(b -> b.tableName(TABLE).item(item)));
    }

    private void record(String step, Object answer) {
        seen.put(step, ModelTree.of(answer));
    }

    /** A step that must fail: what is kept is the error, or the answer if it wrongly succeeded. */
    private void recordError(String step, Supplier<?> call) {
        try {
            seen.put(step, Map.of("unexpectedSuccess", ModelTree.of(call.get())));
        } catch (AwsServiceException e) {
            seen.put(step, ModelTree.error(e));
        }
    }

    private static List<Object> sorted(List<?> items) {
        List<Object> trees = new ArrayList<>();
        items.forEach(item -> trees.add(ModelTree.of(item)));
        trees.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return trees;
    }

    static Map<String, AttributeValue> key(String pk, int sk) {
        return Map.of("pk", s(pk), "sk", n(Integer.toString(sk)));
    }

    private static Map<String, AttributeValue> item(String pk, int sk, Object... more) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(pk, sk));
        for (int i = 0; i < more.length; i += 2) {
            item.put((String) more[i], (AttributeValue) more[i + 1]);
        }
        return item;
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private static AttributeValue n(String number) {
        return AttributeValue.fromN(number);
    }

    private static AttributeValue ss(String... members) {
        Set<String> set = new TreeSet<>(List.of(members));
        return AttributeValue.fromSs(List.copyOf(set));
    }
}
