package io.dynamocdc.testkit;

import static io.dynamocdc.testkit.TableAndItemOperationsTest.n;
import static io.dynamocdc.testkit.TableAndItemOperationsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Fault injection, call counting and the control actions, in Java and over HTTP. */
class FaultsAndControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;
    private DynamoDbStreamsClient streams;
    private String streamArn;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.start();
        db = SdkClients.dynamoDb(emulator.endpoint(), "us-east-1");
        streams = SdkClients.streams(emulator.endpoint(), "us-east-1");
        streamArn = db.createTable(b -> b.tableName("orders").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    @AfterEach
    void stop() {
        db.close();
        streams.close();
        emulator.close();
    }

    private String trimHorizon() {
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    @Test
    void serverErrorsAreHttp500AndTheSdkRetriesThemAway() {
        emulator.control().addFault(Fault.on("PutItem").serverError().times(2).build());
        assertThatThrownBy(() -> db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("a")))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(500));

        emulator.control().resetCallCounts();
        try (DynamoDbClient retrying = DynamoDbClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SdkClients.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            retrying.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("a"))));
        }
        assertThat(emulator.control().calls("PutItem")).as("one more fault, then success").isEqualTo(2);
        assertThat(db.getItem(b -> b.tableName("orders").key(Map.of("orderid", s("a")))).hasItem()).isTrue();
    }

    @Test
    void throttlingIsTheErrorEachApiUses() {
        emulator.control().addFault(Fault.on("GetItem").throttle().times(1).build());
        assertThatThrownBy(() -> db.getItem(b -> b.tableName("orders").key(Map.of("orderid", s("a")))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        emulator.control().addFault(Fault.on("GetRecords").throttle().times(1).build());
        String iterator = trimHorizon();
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator))).isInstanceOf(LimitExceededException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400));
        assertThat(streams.getRecords(b -> b.shardIterator(iterator)).records()).isEmpty();
    }

    @Test
    void aRefusedPermissionIsAccessDeniedAndNotRetried() {
        emulator.control().addFault(Fault.on("GetRecords").accessDenied().times(1).build());
        String iterator = trimHorizon();
        emulator.control().resetCallCounts();
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
                .satisfies(e -> assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400))
                .hasMessageContaining("dynamodb:GetRecords");
        assertThat(emulator.control().calls("GetRecords")).as("the SDK does not retry a refusal").isEqualTo(1);
        assertThat(streams.getRecords(b -> b.shardIterator(iterator)).records()).isEmpty();
    }

    @Test
    void aRandomStormHitsTheShareItWasGivenAndIsRepeatable() {
        String iterator = trimHorizon();
        int[] throttled = new int[2];
        for (int run = 0; run < 2; run++) {
            emulator.control().clearFaults();
            emulator.control().addFault(Fault.on("GetRecords").throttle().probability(0.3, 7).build());
            for (int call = 0; call < 200; call++) {
                try {
                    streams.getRecords(b -> b.shardIterator(iterator));
                } catch (LimitExceededException e) {
                    throttled[run]++;
                }
            }
        }
        assertThat(throttled[0]).isBetween(40, 80).isEqualTo(throttled[1]);
    }

    @Test
    void everyNthAndDelayedAnswers() {
        emulator.control().addFault(Fault.on("GetItem").serverError().everyNth(3).build());
        int failed = 0;
        for (int call = 0; call < 9; call++) {
            try {
                db.getItem(b -> b.tableName("orders").key(Map.of("orderid", s("a"))));
            } catch (DynamoDbException e) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(3);

        emulator.control().addFault(Fault.on("DescribeTable").delay(Duration.ofMillis(300)).times(1).build());
        long start = System.nanoTime();
        db.describeTable(b -> b.tableName("orders"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void getRecordsAboveThePerShardRateIsRefused() {
        emulator.control().limitGetRecordsPerSecondPerShard(2);
        String iterator = trimHorizon();
        streams.getRecords(b -> b.shardIterator(iterator));
        streams.getRecords(b -> b.shardIterator(iterator));
        // The third call within the same second (it follows at once) is over the limit.
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Rate exceeded for shard");
    }

    @Test
    void callsAreCountedPerOperation() {
        emulator.control().resetCallCounts();
        db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("a"))));
        db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("b"))));
        db.describeTable(b -> b.tableName("orders"));
        assertThat(emulator.control().callCounts()).containsEntry("PutItem", 2L).containsEntry("DescribeTable", 1L);
    }

    @Test
    void theControlActionsWorkOverHttp() throws Exception {
        JsonNode now = control("{\"action\":\"setClock\",\"epochMillis\":" + Instant.parse("2025-11-01T00:00:00Z").toEpochMilli() + "}");
        assertThat(now.path("now").asText()).isEqualTo("2025-11-01T00:00:00Z");
        assertThat(control("{\"action\":\"advanceClock\",\"millis\":90000}").path("now").asText()).isEqualTo("2025-11-01T00:01:30Z");
        db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("a"), "q", n("1"))));

        String shard = control("{\"action\":\"openShards\",\"streamArn\":\"" + streamArn + "\"}").path("shards").get(0).asText();
        JsonNode children = control("{\"action\":\"splitShard\",\"streamArn\":\"" + streamArn + "\",\"shardId\":\"" + shard + "\"}");
        assertThat(children.path("children")).hasSize(2);
        assertThat(emulator.control().openShards(streamArn)).containsExactly(children.path("children").get(0).asText(),
                children.path("children").get(1).asText());

        control("{\"action\":\"addFault\",\"operation\":\"GetItem\",\"kind\":\"throttle\",\"times\":1}");
        assertThatThrownBy(() -> db.getItem(b -> b.tableName("orders").key(Map.of("orderid", s("a")))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(control("{\"action\":\"callCounts\"}").path("calls").path("GetItem").asLong()).isEqualTo(1);
        JsonNode expired = control("{\"action\":\"expireItem\",\"region\":\"us-east-1\",\"tableName\":\"orders\","
                + "\"key\":{\"orderid\":{\"S\":\"a\"}}}");
        assertThat(expired.path("expired").asBoolean()).isTrue();

        HttpResponse<String> bad = post(URI.create(emulator.endpoint() + "/_dynamo-cdc/control"), "{\"action\":\"fly\"}", Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown control action 'fly'");
    }

    @Test
    void answersCarryTheEmulatorClockAsTheirDate() throws Exception {
        emulator.control().clock().set(java.time.Instant.parse("2025-11-05T08:09:10.750Z"));
        HttpResponse<String> answer = post(emulator.endpoint(), "{}", Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables"));
        // HTTP's date format: two-digit day, whole seconds, GMT
        assertThat(answer.headers().firstValue("Date")).hasValue("Wed, 05 Nov 2025 08:09:10 GMT");
    }

    @Test
    void theWireFormatIsAwsJson10() throws Exception {
        HttpResponse<String> answer = post(emulator.endpoint(), "{}", Map.of(
                "X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20251101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        CRC32 crc = new CRC32();
        crc.update(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        assertThat(JSON.readTree(answer.body()).path("TableNames")).extracting(JsonNode::asText).containsExactly("orders");
        assertThat(answer.headers().firstValue("Date")).isPresent();

        HttpResponse<String> otherRegion = post(emulator.endpoint(), "{}", Map.of(
                "X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20251101/eu-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"));
        assertThat(JSON.readTree(otherRegion.body()).path("TableNames")).isEmpty();

        HttpResponse<String> unknown = post(emulator.endpoint(), "{}", Map.of("X-Amz-Target", "DynamoDB_20120810.Fly"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("__type").asText()).endsWith("#UnknownOperationException");

        HttpResponse<String> notJson = post(emulator.endpoint(), "{", Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables"));
        assertThat(JSON.readTree(notJson.body()).path("__type").asText()).endsWith("#SerializationException");
    }

    @Test
    void recordsOnTheWireHaveTheApisFieldsOnly() throws Exception {
        db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("a"))));
        String iterator = trimHorizon();
        HttpResponse<String> answer = post(emulator.endpoint(), "{\"ShardIterator\":\"" + iterator + "\"}",
                Map.of("X-Amz-Target", "DynamoDBStreams_20120810.GetRecords"));
        JsonNode record = JSON.readTree(answer.body()).path("Records").get(0);
        List<String> fields = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb");
    }

    @Test
    void malformedHttpIsAnsweredAndHttp10Closes() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(emulator.endpoint().getHost(), emulator.port())) {
            socket.getOutputStream().write("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Length is not a number").contains("Connection: close");
        }
        try (java.net.Socket socket = new java.net.Socket(emulator.endpoint().getHost(), emulator.port())) {
            socket.getOutputStream().write(("POST / HTTP/1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                    + "Content-Length: 2\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // readAllBytes returns only because the server closes an HTTP/1.0 connection after answering.
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"TableNames\":[\"orders\"]}");
        }
    }

    @Test
    void faultsAndTheClockRefuseWhatCouldNeverWork() {
        assertThatThrownBy(() -> Fault.on("getRecords").throttle().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no operation 'getRecords'");
        assertThatThrownBy(() -> Fault.on("GetRecords").throttle().everyNth(2).probability(0.5, 1))
                .isInstanceOf(IllegalStateException.class);
        Fault fault = emulator.control().addFault(Fault.on("GetItem").throttle().build());
        emulator.control().removeFault(fault);
        db.getItem(b -> b.tableName("orders").key(Map.of("orderid", s("a"))));

        emulator.control().setClock(Instant.parse("2025-11-01T00:00:00Z"));
        assertThatThrownBy(() -> emulator.control().setClock(Instant.parse("2025-10-31T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> emulator.control().splitShard(streamArn, "shardId-nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no shard shardId-nope");
    }

    private JsonNode control(String body) throws Exception {
        HttpResponse<String> answer = post(URI.create(emulator.endpoint() + "/_dynamo-cdc/control"), body, Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.0");
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
