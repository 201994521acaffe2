package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dynamocdc.testkit.DynamoDbEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * GetRecords answers read by {@link WireRecords} (through the SDK and {@link WireGetRecords}) must give
 * exactly what the SDK's own model gives through {@link StreamRecordMapper}; answers it cannot read go
 * to the SDK; a body that fails its CRC32 is refused.
 */
class WireGetRecordsTest {

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start();
        db = TestClients.dynamoDb(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        db.close();
        emulator.close();
    }

    private static DynamoDbStreamsClient streams(URI endpoint, boolean wire) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(TestClients.CREDENTIALS)
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> r.maxAttempts(1));
                    if (wire) {
                        o.addExecutionInterceptor(new WireGetRecords());
                    }
                })
                .httpClient(Apache5HttpClient.create()).build();
    }

    @Test
    void everyAttributeTypeAndEveryEventReadsAsTheSdksModelReadsIt() {
        String arn = db.createTable(b -> b.tableName("things").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"), k -> k.attributeName("at").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("B"), a -> a.attributeName("at").attributeType("N"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 42})),
                "at", AttributeValue.fromN("12345678901234567890123456789012345678"));
        Map<String, AttributeValue> item = new java.util.HashMap<>(key);
        item.put("text", AttributeValue.fromS("caf\u00e9 \"quoted\" \\ tab\t emoji \ud83d\ude00 <>&"));
        item.put("price", AttributeValue.fromN("-0.000000000000000000000000000000000001"));
        item.put("flag", AttributeValue.fromBool(false));
        item.put("nothing", AttributeValue.fromNul(true));
        item.put("names", AttributeValue.fromSs(List.of("a", "b")));
        item.put("numbers", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("yz"))));
        item.put("nested", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(AttributeValue.fromS("s"),
                AttributeValue.fromM(Map.of()), AttributeValue.fromL(List.of()))))));
        db.putItem(b -> b.tableName("things").item(item));
        db.updateItem(b -> b.tableName("things").key(key).updateExpression("SET flag = :t REMOVE names")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        db.deleteItem(b -> b.tableName("things").key(key));

        try (DynamoDbStreamsClient sdk = streams(emulator.endpoint(), false);
             DynamoDbStreamsClient wire = streams(emulator.endpoint(), true)) {
            String shard = sdk.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = sdk.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            var fromModel = sdk.getRecords(b -> b.shardIterator(iterator));
            WireGetRecords.Answer fromWire = WireGetRecords.getRecords(wire, iterator, 1000, arn, KeyOrder.AS_READ);

            List<ChangeRecord> expected = fromModel.records().stream().map(r -> StreamRecordMapper.change(r, arn, KeyOrder.AS_READ)).toList();
            assertThat(expected).hasSize(3);
            assertThat(fromWire.fromWire()).isTrue();
            assertThat(fromWire.records()).isEqualTo(expected);
            assertThat(fromWire.records()).extracting(r -> r.value().get("eventName")).containsExactly("INSERT", "MODIFY", "REMOVE");
            // the iterator handed back is the answer's (the emulator's carry their time, so the two answers' differ)
            assertThat(fromWire.nextShardIterator()).isNotNull().startsWith(arn + "|");
            assertThat(sdk.getRecords(b -> b.shardIterator(fromWire.nextShardIterator())).records()).isEmpty();
        }
    }

    @Test
    void theWireReaderTakesFractionalTimesUnknownFieldsAndAClosedShard() throws IOException {
        String answer = """
                {"Records":[{"awsRegion":"eu-west-1","eventID":"e1","eventName":"REMOVE","eventSource":"aws:dynamodb",
                 "eventVersion":"1.1","futureField":{"a":[1,2]},
                 "dynamodb":{"ApproximateCreationDateTime":1.732580000123E9,"Keys":{"id":{"S":"k\\u00e9"}},
                  "OldImage":{"id":{"S":"k\\u00e9"}},"SequenceNumber":"100","SizeBytes":12,"StreamViewType":"OLD_IMAGE"},
                 "userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}}]}
                """;
        WireRecords.Page page = WireRecords.parse(answer.getBytes(StandardCharsets.UTF_8), "arn:stream", KeyOrder.AS_READ);
        assertThat(page.nextShardIterator()).isNull();
        ChangeRecord record = page.records().get(0);
        assertThat(record.changed()).isEqualTo(Instant.ofEpochMilli(1_732_580_000_123L));
        assertThat(record.sequenceNumber()).isEqualTo("100");
        assertThat(record.key()).isEqualTo(Map.of("id", Map.of("S", "k\u00e9")));
        assertThat(record.value()).containsEntry("userIdentity", Map.of("type", "Service", "principalId", "dynamodb.amazonaws.com"))
                .containsEntry("eventSourceARN", "arn:stream").doesNotContainKey("futureField");
        assertThat(((Map<?, ?>) record.value().get("dynamodb")).get("ApproximateCreationDateTime")).isEqualTo(1_732_580_000L);

        assertThatThrownBy(() -> parseKey("{\"X\":\"1\"}")).isInstanceOf(IOException.class).hasMessageContaining("unknown type 'X'");
        assertThatThrownBy(() -> parseKey("{\"NULL\":{\"id\":1}}")).isInstanceOf(IOException.class).hasMessageContaining("BOOL");
        assertThatThrownBy(() -> parseKey("{\"B\":\"not base64!\"}")).isInstanceOf(IOException.class).hasMessageContaining("base64");
        // binary comes out as the SDK's model gives it back: padded
        assertThat(parseKey("{\"B\":\"YQ\"}")).isEqualTo(Map.of("id", Map.of("B", "YQ==")));
    }

    private static Map<String, Object> parseKey(String attribute) throws IOException {
        String answer = "{\"Records\":[{\"dynamodb\":{\"Keys\":{\"id\":" + attribute + "},\"SequenceNumber\":\"1\"}}]}";
        return WireRecords.parse(answer.getBytes(StandardCharsets.UTF_8), "arn", KeyOrder.AS_READ).records().get(0).key();
    }

    @Test
    void anAnswerTheWireReaderRefusesIsLeftToTheSdkAndABadChecksumIsRefused() throws Exception {
        // A number where a string belongs: the SDK reads it as the string "5", the wire reader does not read it at all.
        String lenient = "{\"NextShardIterator\":\"it-2\",\"Records\":[{\"eventID\":\"e\",\"eventName\":\"INSERT\",\"dynamodb\":"
                + "{\"Keys\":{\"id\":{\"S\":5}},\"SequenceNumber\":\"7\",\"StreamViewType\":\"KEYS_ONLY\"}}]}";
        String[] body = {lenient};
        boolean[] corruptChecksum = {false};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body[0].getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amz-crc32", Long.toString(crc.getValue() + (corruptChecksum[0] ? 1 : 0)));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try (DynamoDbStreamsClient wire = streams(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), true)) {
            WireGetRecords.Answer answer = WireGetRecords.getRecords(wire, "it-1", 1000, "arn", KeyOrder.AS_READ);
            assertThat(answer.fromWire()).isFalse();
            assertThat(answer.records()).extracting(ChangeRecord::key).containsExactly(Map.of("id", Map.of("S", "5")));
            assertThat(answer.nextShardIterator()).isEqualTo("it-2");

            body[0] = lenient.replace("{\"S\":5}", "{\"S\":\"5\"}");
            corruptChecksum[0] = true;
            assertThatThrownBy(() -> WireGetRecords.getRecords(wire, "it-1", 1000, "arn", KeyOrder.AS_READ))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("CRC32");
        } finally {
            server.stop(0);
        }
    }
}
