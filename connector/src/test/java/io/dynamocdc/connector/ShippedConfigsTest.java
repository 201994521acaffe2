package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.transform.connect.CdcTransform;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector configurations in config/connect are valid for the connector and its transform. */
class ShippedConfigsTest {

    private static final Path DIR = Path.of("..", "config", "connect");

    @ParameterizedTest
    @ValueSource(strings = {"dynamo-cdc-orders.json", "dynamo-cdc-orders-envelope.json", "dynamo-cdc-orders.properties"})
    void everyKeyIsValidAndTheTransformAcceptsItsOptions(String file) throws IOException {
        Map<String, String> config = read(DIR.resolve(file));
        assertThat(config.get("connector.class")).isEqualTo(DynamoDbStreamsSourceConnector.class.getName());
        List<ConfigValue> values = DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF.validate(config);
        assertThat(values).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());

        String alias = config.get("transforms");
        assertThat(config.get("transforms." + alias + ".type")).isEqualTo(CdcTransform.class.getName());
        Map<String, String> transformConfig = new HashMap<>();
        String prefix = "transforms." + alias + ".";
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
                transformConfig.put(key.substring(prefix.length()), value);
            }
        });
        try (CdcTransform<SourceRecord> transform = new CdcTransform<>()) {
            transform.configure(transformConfig);
        }
    }

    /** What a user must decide is in the example itself, even where the default serves (empty: AWS, the default chain). */
    @ParameterizedTest
    @ValueSource(strings = {"dynamo-cdc-orders.json", "dynamo-cdc-orders-envelope.json", "dynamo-cdc-orders.properties"})
    void everyOptionAUserMustSetIsNamed(String file) throws IOException {
        Map<String, String> config = read(DIR.resolve(file));
        assertThat(config).containsKeys("name", "tasks.max", "table.include.list", "topic.prefix", "aws.region", "aws.endpoint.url",
                "aws.profile", "aws.access.key.id", "aws.secret.access.key", "key.converter", "value.converter", "transforms");
        if (file.endsWith(".json")) {
            // a distributed worker creates the topics: how many copies depends on the cluster
            assertThat(config).containsKeys("topic.creation.default.replication.factor", "topic.creation.default.partitions");
        }
    }

    private static Map<String, String> read(Path path) throws IOException {
        Map<String, String> config = new HashMap<>();
        if (path.toString().endsWith(".json")) {
            JsonNode root = new ObjectMapper().readTree(path.toFile());
            config.put("name", root.path("name").asText());
            root.path("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        } else {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path)) {
                properties.load(reader);
            }
            properties.forEach((key, value) -> config.put(key.toString(), value.toString()));
        }
        return config;
    }
}
