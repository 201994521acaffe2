package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.testkit.witness.MotoServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The happy path against moto_server, an emulator we did not write, through the same SDK calls. */
class MotoConnectorIT {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void start() {
        connect = ConnectClusterIT.cluster("dynamo-cdc-moto", 1);
    }

    @AfterAll
    static void stop() {
        connect.stop();
    }

    @Test
    void changesWrittenToMotoArriveInOrder() throws Exception {
        try (DynamoDbClient db = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            db.createTable(b -> b.tableName("moto-orders").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            Map<String, String> props = ConnectClusterIT.jsonConnector(MOTO.endpoint().toString(), "moto", 1);
            props.put("aws.access.key.id", "testing");
            props.put("aws.secret.access.key", "testing");
            props.put("poll.interval.ms", "100");
            connect.configureConnector("dynamo-cdc-moto", props);
            connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("dynamo-cdc-moto", 1, "the connector did not start");

            for (int version = 1; version <= 3; version++) {
                for (int key = 0; key < 20; key++) {
                    String id = "k" + key;
                    String v = Integer.toString(version);
                    db.putItem(b -> b.tableName("moto-orders").item(Map.of("id", AttributeValue.fromS(id), "version", AttributeValue.fromN(v))));
                }
            }
            Map<String, List<Integer>> byKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(60, 60_000, "moto.moto-orders")) {
                JsonNode value = JSON.readTree(record.value());
                assertThat(value.path("eventSource").asText()).isEqualTo("aws:dynamodb");
                assertThat(value.path("eventSourceARN").asText()).contains(":table/moto-orders/stream/");
                byKey.computeIfAbsent(JSON.readTree(record.key()).path("id").path("S").asText(), k -> new ArrayList<>())
                        .add(value.path("dynamodb").path("NewImage").path("version").path("N").asInt());
            }
            assertThat(byKey).hasSize(20).allSatisfy((key, versions) -> assertThat(versions).containsExactly(1, 2, 3));
            connect.deleteConnector("dynamo-cdc-moto");
        }
    }
}
