package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.testkit.DynamoDbEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The plugin installed and run exactly as users do: Kafka's broker and a distributed Connect worker in JVMs
 * of their own (Kafka's jars from Maven Central), the built archive unzipped into plugin.path, the shipped
 * configuration posted over REST, credentials from a named profile, the testkit emulator as DynamoDB. The
 * worker is stopped with SIGTERM while an application keeps writing, and restarted in fresh JVMs.
 */
class DeployedWorkerIT {

    private static final String PROFILE_KEY = "AKIDPROFILE";

    private static Deployment deployment;
    private static DynamoDbEmulator emulator;
    private static Tables tables;
    private static Path credentials;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        deployment = Deployment.start();
        emulator = deployment.own(DynamoDbEmulator.start());
        // Only these keys get in: a worker that ignored aws.profile would be refused.
        emulator.control().acceptOnlyAccessKeys(Clients.TEST_KEY, PROFILE_KEY);
        tables = deployment.own(new Tables(emulator.endpoint()));
        credentials = deployment.dir.resolve("aws-credentials");
        Files.writeString(credentials, "[dynamo-cdc-test]\naws_access_key_id = " + PROFILE_KEY
                + "\naws_secret_access_key = profile-secret\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void installedFromTheArchiveItValidatesResumesOldOffsetsAndLosesOrRepeatsNothingAcrossCleanRestarts() throws Exception {
        String orders = "clean-orders";
        String lines = "clean-lines";
        String name = "clean-connector";
        tables.create(orders, lines);
        ChangeWriter writer = tables.writer(orders, lines, 40, 60);
        writer.write(40); // before the connector exists: 20 orders changes, 20 line changes

        // An earlier build's task stored the orders shard's offset, after its 8th change, in the other order.
        String shard = tables.shards(orders).get(0);
        List<Record> early = firstRecords(shard);
        Record eighth = early.get(7);
        // The worker's default offset.flush.interval.ms (60 s): a clean stop must commit by itself.
        ConnectWorkerProcess worker = deployment.worker("clean", deployment.workerProperties("clean"),
                Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString())).start();
        try {
            ConnectRest rest = worker.rest();
            ConnectChecks.assertPluginsListed(rest.plugins());

            Map<String, String> config = Deployment.shippedConnectorConfig(emulator.endpoint(), "clean", orders + "," + lines,
                    "aws.profile", "dynamo-cdc-test");
            Map<String, String> named = new LinkedHashMap<>(config);
            named.put("name", name); // validate takes the config with its name, as PUT …/config does
            assertThat(ConnectChecks.allErrors(rest.validate(Deployment.CONNECTOR_CLASS, named))).as("validation errors").isEmpty();
            Map<String, String> wrongProfile = new LinkedHashMap<>(named);
            wrongProfile.put("aws.profile", "no-such-profile");
            assertThat(ConnectChecks.errorsOf(rest.validate(Deployment.CONNECTOR_CLASS, wrongProfile), "aws.profile"))
                    .singleElement().asString().contains("no profile 'no-such-profile'");

            deployment.writeOffset("clean-offsets", ConnectChecks.legacyKey(name, shard),
                    "{\"sequence_number\":\"" + eighth.dynamodb().sequenceNumber() + "\",\"change_time\":"
                            + eighth.dynamodb().approximateCreationDateTime().getEpochSecond() + "}");
            rest.create(name, config, "RUNNING");
            ConnectChecks.awaitRunning(rest, name, 2);
            writer.start();
            RowTopics topics = new RowTopics(deployment, Map.of("clean." + orders, orders, "clean." + lines, lines), false);
            for (int restart = 1; restart <= 3; restart++) {
                topics.awaitRows(150 * restart);
                worker.restart();
                ConnectChecks.awaitRunning(worker.rest(), name, 2);
            }
            topics.awaitRows(600);
            writer.close();

            Map<String, List<ChangeWriter.Change>> expected = without(writer.history(), orders, early.subList(0, 8));
            Deliveries delivered = topics.awaitAll(expected);
            assertThat(delivered.unexpected()).as("the 8 changes before the stored offset").isEmpty();
            assertThat(delivered.duplicates()).as("changes delivered again after a clean stop").isZero();
            assertThat(delivered.outOfOrder()).isEmpty();
            ConnectChecks.assertKeys(delivered, orders, lines);

            // One key per shard, as this build writes it; the earlier build's key stays until offsets are changed over REST.
            List<String> expectedKeys = new ArrayList<>(tables.offsetKeys(name, orders, lines));
            expectedKeys.add(ConnectChecks.legacyKey(name, shard));
            assertThat(ConnectChecks.forConnector(deployment.storedOffsets("clean-offsets"), name).keySet())
                    .containsExactlyInAnyOrderElementsOf(expectedKeys);
            assertThat(worker.logs()).contains("1 shard family assigned, 1 shard(s) open");
            ConnectChecks.assertCleanLogs(worker.logs());

            // Resetting the offsets over REST removes both keys: the connector then starts over from TRIM_HORIZON.
            ConnectRest current = worker.rest();
            current.stopConnector(name);
            Await.until(Duration.ofMinutes(1), "the connector to stop",
                    () -> "STOPPED".equals(current.status(name).path("connector").path("state").asText()));
            current.resetOffsets(name).expect(200);
            // (the reset also writes a tombstone for each shard's other order where there was none: harmless)
            assertThat(ConnectChecks.forConnector(deployment.storedOffsets("clean-offsets"), name)).as("after the reset")
                    .containsKeys(expectedKeys.toArray(String[]::new)).allSatisfy((key, value) -> assertThat(value).as(key).isNull());
            current.resume(name);
            Await.until(Duration.ofMinutes(2), "the 8 early changes delivered after the reset", () -> {
                Deliveries all = topics.read(writer.history());
                return all.missing().isEmpty() && all.unexpected().isEmpty();
            });
        } finally {
            worker.close();
        }
    }

    /** The history without these stream records' changes (ones a stored offset says were delivered before). */
    private static Map<String, List<ChangeWriter.Change>> without(Map<String, List<ChangeWriter.Change>> history, String table,
                                                                  List<Record> records) {
        Map<String, List<ChangeWriter.Change>> left = new LinkedHashMap<>();
        history.forEach((id, changes) -> left.put(id, new ArrayList<>(changes)));
        for (Record record : records) {
            var image = record.dynamodb().hasNewImage() ? record.dynamodb().newImage() : record.dynamodb().oldImage();
            String id = table + "|" + record.dynamodb().keys().get("orderid").s();
            left.get(id).remove(new ChangeWriter.Change(record.eventNameAsString(), Long.parseLong(image.get("version").n())));
        }
        return left;
    }

    /** The first records of a shard ({@code stream_arn|shard_id}). */
    private static List<Record> firstRecords(String shard) {
        String[] parts = shard.split("\\|");
        String iterator = tables.streams.getShardIterator(b -> b.streamArn(parts[0]).shardId(parts[1])
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return tables.streams.getRecords(b -> b.shardIterator(iterator)).records();
    }
}
