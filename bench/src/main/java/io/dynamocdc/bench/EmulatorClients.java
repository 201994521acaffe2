package io.dynamocdc.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** SDK v2 clients for the emulator benchmarks, on the HTTP client a benchmark parameter names. */
final class EmulatorClients {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "bench"));

    private EmulatorClients() {
    }

    static SdkHttpClient http(String name) {
        return switch (name) {
            case "urlconnection" -> UrlConnectionHttpClient.create();
            case "apache5" -> Apache5HttpClient.create();
            default -> throw new IllegalArgumentException("unknown HTTP client " + name + " (urlconnection or apache5)");
        };
    }

    static DynamoDbClient dynamoDb(URI endpoint, String httpClient) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(http(httpClient)).build();
    }

    static DynamoDbStreamsClient streams(URI endpoint, String httpClient) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(http(httpClient)).build();
    }

    /** Puts seed orders with ids 0 … count-1 into the table, 25 a call (each becomes a stream INSERT). */
    static void preloadOrders(DynamoDbClient db, String table, int count) {
        for (int from = 0; from < count; from += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 25); i++) {
                String id = Integer.toString(i);
                batch.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                        "orderid", AttributeValue.fromS(id),
                        "product_name", AttributeValue.fromS("Laptop"),
                        "quantity", AttributeValue.fromN("2"),
                        "price", AttributeValue.fromN("249.99")))).build());
            }
            db.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    /** The seed's orders table, with a NEW_AND_OLD_IMAGES stream; returns the stream ARN. */
    static String createOrdersTable(DynamoDbClient db, String name) {
        return db.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    /**
     * A thread (not started) that puts orders "0", "1", … at {@code rate} per second for {@code seconds},
     * noting each id's write time: just before its PutItem, or after its acknowledgement.
     */
    static Thread pacedOrderWriter(DynamoDbClient db, int rate, int seconds, Map<String, Long> writtenAt,
                                   boolean stampAfterAck) {
        return new Thread(() -> {
            long begin = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                long due = begin + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String id = Integer.toString(i);
                if (!stampAfterAck) {
                    writtenAt.put(id, System.nanoTime());
                }
                db.putItem(b -> b.tableName("orders").item(Map.of("orderid", AttributeValue.fromS(id),
                        "quantity", AttributeValue.fromN("2"), "price", AttributeValue.fromN("249.99"))));
                if (stampAfterAck) {
                    writtenAt.put(id, System.nanoTime());
                }
            }
        }, "writer");
    }

    /** "records=… p50_ms=… p99_ms=… max_ms=…" of latencies in nanoseconds. */
    static String latencySummary(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("records=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", sorted.length, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
