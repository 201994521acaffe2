package io.dynamocdc.bench;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * GetRecords to one reader, 1,000 records a call, over a stream of 50,000 seed-order INSERTs (with
 * images). Scores are records/s. {@code sdk}: through AWS SDK v2, as the connector reads (the SDK's own
 * parsing included); {@code raw}: the bare HTTP exchange, the emulator's side alone. Target: at least
 * 200,000 records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EmulatorGetRecordsBenchmark {

    static final int RECORDS = 50_000;
    static final int PER_CALL = 1_000;

    @Param({"urlconnection", "apache5"})
    public String httpClient;

    private DynamoDbEmulator emulator;
    private DynamoDbStreamsClient streams;
    private HttpClient raw;
    private String streamArn;
    private String shardId;
    /** Iterators at each 1,000-record step of the shard, so every call returns exactly 1,000 records. */
    private final List<String> iterators = new ArrayList<>();
    private int position;

    @Setup
    public void start() throws Exception {
        emulator = DynamoDbEmulator.start();
        try (DynamoDbClient db = EmulatorClients.dynamoDb(emulator.endpoint(), httpClient)) {
            streamArn = EmulatorClients.createOrdersTable(db, "orders");
            EmulatorClients.preloadOrders(db, "orders", RECORDS);
        }
        streams = EmulatorClients.streams(emulator.endpoint(), httpClient);
        raw = HttpClient.newHttpClient();
        shardId = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        for (int read = 0; read < RECORDS; read += PER_CALL) {
            iterators.add(iterator);
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current).limit(PER_CALL));
            if (response.records().size() != PER_CALL) {
                throw new IllegalStateException("expected " + PER_CALL + " records, got " + response.records().size());
            }
            iterator = response.nextShardIterator();
        }
    }

    @TearDown
    public void stop() {
        streams.close();
        emulator.close();
    }

    private String nextIterator() {
        String iterator = iterators.get(position);
        position = (position + 1) % iterators.size();
        return iterator;
    }

    @Benchmark
    @OperationsPerInvocation(PER_CALL)
    public Object sdk() {
        String iterator = nextIterator();
        GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterator).limit(PER_CALL));
        if (response.records().size() != PER_CALL) {
            throw new IllegalStateException("a call returned " + response.records().size() + " records");
        }
        return response;
    }

    @Benchmark
    @OperationsPerInvocation(PER_CALL)
    public Object raw() throws Exception {
        String body = "{\"ShardIterator\":\"" + nextIterator() + "\",\"Limit\":" + PER_CALL + "}";
        HttpResponse<byte[]> response = raw.send(HttpRequest.newBuilder(URI.create(emulator.endpoint().toString()))
                .header("X-Amz-Target", "DynamoDBStreams_20120810.GetRecords")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GetRecords answered " + response.statusCode());
        }
        return response.body();
    }
}
