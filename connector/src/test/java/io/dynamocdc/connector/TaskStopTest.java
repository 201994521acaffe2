package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Connect stops a task whenever it rebalances or shuts down: a read in flight then is no failure. */
class TaskStopTest {

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

    @Test
    void stoppingWhileAReadIsInFlightWarnsOfNothingAndTheNextRunGoesOnFromTheOffset() throws Exception {
        EmulatorTaskRuns.createOrders(db);
        EmulatorTaskRuns.putOrders(db, 5, 1);
        InMemoryOffsets offsets = new InMemoryOffsets();
        var config = EmulatorTaskRuns.taskConfig(emulator);
        DynamoDbStreamsSourceTask first = EmulatorTaskRuns.start(offsets, config);
        List<SourceRecord> delivered = new java.util.ArrayList<>(EmulatorTaskRuns.poll(first, offsets, 5));
        assertThat(delivered).hasSize(5);

        // Every read from now on answers late; stop while one is under way.
        long callsBefore = emulator.control().calls("GetRecords");
        emulator.control().addFault(Fault.on("GetRecords").delay(Duration.ofSeconds(2)).build());
        EmulatorTaskRuns.putOrders(db, 5, 2);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (emulator.control().calls("GetRecords") <= callsBefore + 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(emulator.control().calls("GetRecords")).as("a delayed read under way").isGreaterThan(callsBefore + 1);
        String logged = stderrDuring(first::stop);
        assertThat(logged).doesNotContain("retrying after a pause").doesNotContain("WARN");

        emulator.control().clearFaults();
        DynamoDbStreamsSourceTask second = EmulatorTaskRuns.start(offsets, config);
        try {
            delivered.addAll(EmulatorTaskRuns.poll(second, offsets, 5));
        } finally {
            second.stop();
        }
        assertThat(delivered).extracting(record -> (Object) ((java.util.Map<?, ?>) record.value()).get("eventName"))
                .containsExactly("INSERT", "INSERT", "INSERT", "INSERT", "INSERT", "MODIFY", "MODIFY", "MODIFY", "MODIFY", "MODIFY");
    }

    /** What was written to stderr (where the tests' slf4j-simple logs) while this ran. */
    private static String stderrDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
