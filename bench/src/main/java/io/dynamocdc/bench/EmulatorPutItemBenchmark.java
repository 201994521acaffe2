package io.dynamocdc.bench;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * PutItem through AWS SDK v2, one thread, into a table with a NEW_AND_OLD_IMAGES stream (so every put
 * also writes a stream record). Target: at least 5,000 items/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EmulatorPutItemBenchmark {

    @Param({"urlconnection", "apache5"})
    public String httpClient;

    private DynamoDbEmulator emulator;
    private DynamoDbClient db;
    private long next;

    @Setup
    public void start() {
        emulator = DynamoDbEmulator.start();
        db = EmulatorClients.dynamoDb(emulator.endpoint(), httpClient);
        EmulatorClients.createOrdersTable(db, "orders");
    }

    @TearDown
    public void stop() {
        db.close();
        emulator.close();
    }

    @Benchmark
    public Object putItem() {
        long id = next++;
        return db.putItem(b -> b.tableName("orders").item(Map.of(
                "orderid", AttributeValue.fromS(Long.toString(id)),
                "product_name", AttributeValue.fromS("Laptop"),
                "quantity", AttributeValue.fromN("2"),
                "price", AttributeValue.fromN("249.99"))));
    }
}
