package io.dynamocdc.testkit;

import static io.dynamocdc.testkit.TableAndItemOperationsTest.n;
import static io.dynamocdc.testkit.TableAndItemOperationsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams as the emulator serves them: records, shards, lineage, trimming, iterators. */
class StreamsTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start();
        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        db = SdkClients.dynamoDb(emulator.endpoint(), "ap-south-1");
        streams = SdkClients.streams(emulator.endpoint(), "ap-south-1");
    }

    @AfterEach
    void stop() {
        db.close();
        streams.close();
        emulator.close();
    }

    private String tableWithStream(StreamViewType viewType) {
        String name = "orders-" + TABLES.incrementAndGet();
        return db.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(viewType)))
                .tableDescription().latestStreamArn();
    }

    private static String tableOf(String streamArn) {
        return streamArn.substring(streamArn.indexOf(":table/") + 7, streamArn.indexOf("/stream/"));
    }

    private void put(String streamArn, String id, String quantity) {
        db.putItem(b -> b.tableName(tableOf(streamArn)).item(Map.of("orderid", s(id), "quantity", n(quantity))));
    }

    private List<Shard> shards(String streamArn) {
        return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
    }

    private String iterator(String streamArn, String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    /** Every record of a shard from TRIM_HORIZON up to now. */
    private List<Record> readShard(String streamArn, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = iterator(streamArn, shardId, ShardIteratorType.TRIM_HORIZON, null);
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
            records.addAll(response.records());
            iterator = response.records().isEmpty() ? null : response.nextShardIterator();
        }
        return records;
    }

    @Test
    void recordsCarryWhatTheViewTypeAsksFor() {
        Map<StreamViewType, List<String>> seen = new HashMap<>();
        for (StreamViewType viewType : List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE,
                StreamViewType.NEW_AND_OLD_IMAGES)) {
            String arn = tableWithStream(viewType);
            put(arn, "1", "2");
            put(arn, "1", "3");
            db.deleteItem(b -> b.tableName(tableOf(arn)).key(Map.of("orderid", s("1"))));
            List<String> shapes = new ArrayList<>();
            for (Record record : readShard(arn, shards(arn).get(0).shardId())) {
                var data = record.dynamodb();
                assertThat(data.keys()).isEqualTo(Map.of("orderid", s("1")));
                assertThat(data.streamViewType()).isEqualTo(viewType);
                shapes.add(record.eventNameAsString() + (data.hasNewImage() ? "+new" : "") + (data.hasOldImage() ? "+old" : ""));
            }
            seen.put(viewType, shapes);
        }
        assertThat(seen).containsEntry(StreamViewType.KEYS_ONLY, List.of("INSERT", "MODIFY", "REMOVE"))
                .containsEntry(StreamViewType.NEW_IMAGE, List.of("INSERT+new", "MODIFY+new", "REMOVE"))
                .containsEntry(StreamViewType.OLD_IMAGE, List.of("INSERT", "MODIFY+old", "REMOVE+old"))
                .containsEntry(StreamViewType.NEW_AND_OLD_IMAGES, List.of("INSERT+new", "MODIFY+new+old", "REMOVE+old"));
    }

    @Test
    void recordFieldsAreThoseOfDynamoDbStreams() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        emulator.control().setClock(Instant.parse("2025-11-01T10:20:30.456Z"));
        put(arn, "1", "2");
        Record record = readShard(arn, shards(arn).get(0).shardId()).get(0);
        assertThat(record.eventID()).matches("[0-9a-f]{32}");
        assertThat(record.eventVersion()).isEqualTo("1.1");
        assertThat(record.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.awsRegion()).isEqualTo("ap-south-1");
        assertThat(record.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2025-11-01T10:20:30Z"));
        assertThat(record.dynamodb().sequenceNumber()).matches("[0-9]{21,40}");
        assertThat(record.dynamodb().sizeBytes()).isPositive();
        assertThat(record.dynamodb().newImage()).isEqualTo(Map.of("orderid", s("1"), "quantity", n("2")));
    }

    @Test
    void aWriteThatChangesNothingEmitsNothing() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String table = tableOf(arn);
        put(arn, "1", "2");
        put(arn, "1", "2.0");
        db.updateItem(b -> b.tableName(table).key(Map.of("orderid", s("1"))).updateExpression("SET quantity = :q")
                .expressionAttributeValues(Map.of(":q", n("2"))));
        db.deleteItem(b -> b.tableName(table).key(Map.of("orderid", s("never-there"))));
        assertThat(readShard(arn, shards(arn).get(0).shardId())).extracting(Record::eventNameAsString).containsExactly("INSERT");
    }

    @Test
    void eachKeyStaysOnOneShardInOrderAndDescribeStreamPages() {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withInitialShards(4));
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        for (int round = 1; round <= 5; round++) {
            for (int key = 0; key < 20; key++) {
                put(arn, "k" + key, String.valueOf(round));
            }
        }
        var firstPage = streams.describeStream(b -> b.streamArn(arn).limit(3)).streamDescription();
        assertThat(firstPage.shards()).hasSize(3);
        var secondPage = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(firstPage.lastEvaluatedShardId()))
                .streamDescription();
        assertThat(secondPage.shards()).hasSize(1);
        assertThat(secondPage.lastEvaluatedShardId()).isNull();

        Map<String, String> shardOfKey = new HashMap<>();
        int total = 0;
        for (Shard shard : shards(arn)) {
            List<Record> records = readShard(arn, shard.shardId());
            total += records.size();
            Map<String, Integer> lastRound = new HashMap<>();
            for (Record record : records) {
                String key = record.dynamodb().keys().get("orderid").s();
                assertThat(shardOfKey.putIfAbsent(key, shard.shardId())).isIn(null, shard.shardId());
                int roundNumber = Integer.parseInt(record.dynamodb().newImage().get("quantity").n());
                assertThat(roundNumber).isGreaterThan(lastRound.getOrDefault(key, 0));
                lastRound.put(key, roundNumber);
            }
            assertThat(isIncreasing(records)).isTrue();
        }
        assertThat(total).isEqualTo(100);
        assertThat(new java.util.HashSet<>(shardOfKey.values())).as("keys spread over the shards").hasSizeGreaterThan(1);
    }

    private static boolean isIncreasing(List<Record> records) {
        for (int i = 1; i < records.size(); i++) {
            if (new BigInteger(records.get(i - 1).dynamodb().sequenceNumber())
                    .compareTo(new BigInteger(records.get(i).dynamodb().sequenceNumber())) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aSplitClosesTheParentAndItsChildrenContinueEachKey() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String parent = shards(arn).get(0).shardId();
        for (int key = 0; key < 10; key++) {
            put(arn, "k" + key, "1");
        }
        List<String> children = emulator.control().splitShard(arn, parent);
        assertThat(children).hasSize(2);
        for (int key = 0; key < 10; key++) {
            put(arn, "k" + key, "2");
        }
        List<Shard> shards = shards(arn);
        Shard closed = shards.get(0);
        assertThat(closed.shardId()).isEqualTo(parent);
        assertThat(closed.sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.subList(1, 3)).allSatisfy(child -> {
            assertThat(child.parentShardId()).isEqualTo(parent);
            assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(new BigInteger(child.sequenceNumberRange().startingSequenceNumber()))
                    .isGreaterThan(new BigInteger(closed.sequenceNumberRange().endingSequenceNumber()));
        });

        // Draining the closed parent ends with no next iterator.
        String iterator = iterator(arn, parent, ShardIteratorType.TRIM_HORIZON, null);
        GetRecordsResponse drained = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(drained.records()).hasSize(10);
        assertThat(drained.nextShardIterator()).isNull();

        List<Record> inChildren = new ArrayList<>(readShard(arn, children.get(0)));
        inChildren.addAll(readShard(arn, children.get(1)));
        assertThat(inChildren).hasSize(10).allSatisfy(record ->
                assertThat(record.dynamodb().newImage().get("quantity").n()).isEqualTo("2"));
        assertThat(readShard(arn, children.get(0))).isNotEmpty();
        assertThat(readShard(arn, children.get(1))).isNotEmpty();
    }

    @Test
    void shardsRollOverOnTheirOwnEveryNRecordsOrAfterATime() {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withRollEveryRecords(5, false));
        String byCount = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        for (int i = 0; i < 12; i++) {
            put(byCount, "k" + i, "1");
        }
        List<Shard> counted = shards(byCount);
        assertThat(counted).hasSize(3);
        assertThat(counted.get(1).parentShardId()).isEqualTo(counted.get(0).shardId());
        assertThat(counted.get(2).parentShardId()).isEqualTo(counted.get(1).shardId());

        emulator.control().streamSettings(StreamSettings.DEFAULT.withRollEvery(Duration.ofHours(4), true));
        String byAge = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        put(byAge, "a", "1");
        emulator.control().advanceClock(Duration.ofHours(4));
        assertThat(shards(byAge)).hasSize(3).extracting(Shard::parentShardId).containsExactly(null,
                shards(byAge).get(0).shardId(), shards(byAge).get(0).shardId());
    }

    @Test
    void iteratorsStartWhereTheyAreTold() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String shard = shards(arn).get(0).shardId();
        for (int i = 1; i <= 4; i++) {
            put(arn, "k" + i, "1");
        }
        List<Record> all = readShard(arn, shard);
        String second = all.get(1).dynamodb().sequenceNumber();
        String at = iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second);
        assertThat(streams.getRecords(b -> b.shardIterator(at)).records()).extracting(r -> r.dynamodb().sequenceNumber())
                .containsExactly(second, all.get(2).dynamodb().sequenceNumber(), all.get(3).dynamodb().sequenceNumber());
        String after = iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second);
        assertThat(streams.getRecords(b -> b.shardIterator(after)).records()).hasSize(2);
        String latest = iterator(arn, shard, ShardIteratorType.LATEST, null);
        GetRecordsResponse nothingYet = streams.getRecords(b -> b.shardIterator(latest));
        assertThat(nothingYet.records()).isEmpty();
        assertThat(nothingYet.nextShardIterator()).isNotNull();
        put(arn, "k5", "1");
        assertThat(streams.getRecords(b -> b.shardIterator(nothingYet.nextShardIterator())).records())
                .extracting(r -> r.dynamodb().keys().get("orderid").s()).containsExactly("k5");
        assertThatThrownBy(() -> iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, "999999999999999999999"))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class)
                .hasMessageContaining("Invalid SequenceNumber");
    }

    @Test
    void getRecordsHonoursItsLimitAndTheOneMegabyteCap() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String shard = shards(arn).get(0).shardId();
        for (int i = 0; i < 1100; i++) {
            put(arn, "k" + i, "1");
        }
        String trimHorizon = iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null);
        assertThat(streams.getRecords(b -> b.shardIterator(trimHorizon)).records()).hasSize(1000);
        assertThat(streams.getRecords(b -> b.shardIterator(trimHorizon).limit(7)).records()).hasSize(7);
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(trimHorizon).limit(1001)))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class);

        String big = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String bigShard = shards(big).get(0).shardId();
        String text = "x".repeat(150_000);
        for (int i = 0; i < 6; i++) {
            int id = i;
            db.putItem(b -> b.tableName(tableOf(big)).item(Map.of("orderid", s("k" + id), "blob", s(text))));
        }
        String start = iterator(big, bigShard, ShardIteratorType.TRIM_HORIZON, null);
        GetRecordsResponse capped = streams.getRecords(b -> b.shardIterator(start));
        assertThat(capped.records()).hasSizeBetween(1, 6).hasSizeLessThan(7);
        assertThat(capped.records().stream().mapToInt(r -> r.dynamodb().newImage().get("blob").s().length()).sum())
                .isLessThanOrEqualTo(1024 * 1024);
        assertThat(capped.records()).hasSize(6);
    }

    @Test
    void recordsOlderThanADayAreTrimmedAndIteratorsExpireAfterFifteenMinutes() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String shard = shards(arn).get(0).shardId();
        put(arn, "old", "1");
        String oldSequence = readShard(arn, shard).get(0).dynamodb().sequenceNumber();
        String waiting = iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null);

        emulator.control().advanceClock(Duration.ofMinutes(15).plusSeconds(1));
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(waiting))).isInstanceOf(ExpiredIteratorException.class)
                .hasMessageContaining("valid for 15 minutes");

        emulator.control().advanceClock(Duration.ofHours(24));
        put(arn, "new", "1");
        assertThat(readShard(arn, shard)).extracting(r -> r.dynamodb().keys().get("orderid").s()).containsExactly("new");
        assertThatThrownBy(() -> iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, oldSequence))
                .isInstanceOf(TrimmedDataAccessException.class);
    }

    @Test
    void disablingAndEnablingAStreamGivesANewStream() {
        String first = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String table = tableOf(first);
        put(first, "a", "1");
        db.updateTable(b -> b.tableName(table).streamSpecification(spec -> spec.streamEnabled(false)));
        var disabled = streams.describeStream(b -> b.streamArn(first)).streamDescription();
        assertThat(disabled.streamStatusAsString()).isEqualTo("DISABLED");
        assertThat(disabled.shards()).allSatisfy(shard -> assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNotNull());
        put(first, "b", "1");

        String second = db.updateTable(b -> b.tableName(table)
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                .tableDescription().latestStreamArn();
        assertThat(second).isNotEqualTo(first);
        put(second, "c", "1");
        assertThat(readShard(first, shards(first).get(0).shardId())).extracting(r -> r.dynamodb().keys().get("orderid").s())
                .containsExactly("a");
        assertThat(readShard(second, shards(second).get(0).shardId())).extracting(r -> r.dynamodb().keys().get("orderid").s())
                .containsExactly("c");
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(stream -> stream.streamArn())
                .containsExactly(first, second);
        assertThatThrownBy(() -> db.updateTable(b -> b.tableName(table)
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))))
                .hasMessageContaining("already has an enabled stream");
    }

    @Test
    void aDeletedTablesStreamIsDisabledButReadable() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        put(arn, "a", "1");
        db.deleteTable(b -> b.tableName(tableOf(arn)));
        assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatusAsString()).isEqualTo("DISABLED");
        String shard = shards(arn).get(0).shardId();
        String iterator = iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null);
        GetRecordsResponse last = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(last.records()).hasSize(1);
        assertThat(last.nextShardIterator()).isNull();
    }

    @Test
    void ttlDeletesNameTheServiceAsTheirUser() {
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        put(arn, "a", "1");
        var key = AttributeValues.NODES.objectNode();
        key.putObject("orderid").put("S", "a");
        assertThat(emulator.control().expireItem("ap-south-1", tableOf(arn), key)).isTrue();
        Record remove = readShard(arn, shards(arn).get(0).shardId()).get(1);
        assertThat(remove.eventNameAsString()).isEqualTo("REMOVE");
        assertThat(remove.userIdentity().type()).isEqualTo("Service");
        assertThat(remove.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void aRecreatedTableGetsANewStreamAndTheOldOneStaysReadable() {
        String first = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String table = tableOf(first);
        put(first, "a", "1");
        db.deleteTable(b -> b.tableName(table));
        String second = db.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        assertThat(second).as("the clock stands still, and still the ARN is new").isNotEqualTo(first);
        assertThat(streams.describeStream(b -> b.streamArn(first)).streamDescription().streamStatusAsString()).isEqualTo("DISABLED");
        assertThat(readShard(first, shards(first).get(0).shardId())).hasSize(1);
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(stream -> stream.streamArn())
                .containsExactly(first, second);
    }

    @Test
    void describeStreamPagesOnWhenItsStartShardHasExpired() {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withRollEvery(Duration.ofHours(1), false));
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        put(arn, "a", "1");
        emulator.control().advanceClock(Duration.ofHours(1));
        put(arn, "b", "1");
        var firstPage = streams.describeStream(b -> b.streamArn(arn).limit(1)).streamDescription();
        String start = firstPage.lastEvaluatedShardId();
        assertThat(start).isEqualTo(firstPage.shards().get(0).shardId());
        // The first shard closed an hour in; 24 hours later it has nothing left and leaves the description.
        emulator.control().advanceClock(Duration.ofHours(24).plusMinutes(1));
        var secondPage = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(start)).streamDescription();
        assertThat(secondPage.shards()).isNotEmpty().noneMatch(shard -> shard.shardId().equals(start));
        assertThat(secondPage.shards()).anyMatch(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null);
    }

    @Test
    void childShardsCanBeListedByTheirParent() {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withInitialShards(2));
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        String parent = shards(arn).get(0).shardId();
        List<String> children = emulator.control().splitShard(arn, parent);
        var filtered = streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type("CHILD_SHARDS").shardId(parent))).streamDescription();
        assertThat(filtered.shards()).extracting(Shard::shardId).containsExactlyElementsOf(children);
    }

    @Test
    void concurrentWritersKeepEachKeysOrderAcrossSplits() throws Exception {
        emulator.control().streamSettings(StreamSettings.DEFAULT.withRollEveryRecords(40, true));
        String arn = tableWithStream(StreamViewType.NEW_AND_OLD_IMAGES);
        int writers = 4;
        int writesEach = 150;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                try (DynamoDbClient own = SdkClients.dynamoDb(emulator.endpoint(), "ap-south-1")) {
                    for (int i = 1; i <= writesEach; i++) {
                        // Keys k0..k9 are shared by every writer; each value is "writer:i", growing per writer.
                        String key = "k" + (i % 10);
                        String value = writer + ":" + i;
                        own.putItem(b -> b.tableName(tableOf(arn)).item(Map.of("orderid", s(key), "v", s(value))));
                    }
                }
                return null;
            }));
        }
        for (var future : done) {
            future.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        // Read parents before children, as a connector must; per key, each writer's values must grow.
        Map<String, Shard> byId = new HashMap<>();
        shards(arn).forEach(shard -> byId.put(shard.shardId(), shard));
        List<String> order = new ArrayList<>();
        for (Shard shard : shards(arn)) {
            if (shard.parentShardId() == null || !byId.containsKey(shard.parentShardId())) {
                addWithDescendants(shard.shardId(), byId, order);
            }
        }
        Map<String, String> lastRecordOfKey = new HashMap<>();
        Map<String, Integer> lastOfWriterAndKey = new HashMap<>();
        int records = 0;
        for (String shardId : order) {
            for (Record record : readShard(arn, shardId)) {
                records++;
                String key = record.dynamodb().keys().get("orderid").s();
                String[] value = record.dynamodb().newImage().get("v").s().split(":");
                String writerKey = value[0] + "/" + key;
                int sequence = Integer.parseInt(value[1]);
                assertThat(sequence).as("%s after %s", writerKey, lastOfWriterAndKey.get(writerKey))
                        .isGreaterThan(lastOfWriterAndKey.getOrDefault(writerKey, 0));
                lastOfWriterAndKey.put(writerKey, sequence);
                // The old image is what the previous record of the key left behind.
                String previous = lastRecordOfKey.put(key, record.dynamodb().newImage().get("v").s());
                if (previous != null) {
                    assertThat(record.dynamodb().oldImage().get("v").s()).isEqualTo(previous);
                }
            }
        }
        assertThat(byId).hasSizeGreaterThan(10);
        assertThat(records).as("every put changed its item: one record each").isEqualTo(writers * writesEach);
    }

    private static void addWithDescendants(String shardId, Map<String, Shard> byId, List<String> order) {
        // Breadth-first over the lineage: a shard, then its children, then theirs.
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(shardId));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            order.add(next);
            byId.values().stream().filter(shard -> next.equals(shard.parentShardId())).map(Shard::shardId).forEach(queue::add);
        }
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("orderid", s(id));
    }
}
