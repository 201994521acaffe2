package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What the deployed tests check of a worker: plugins, validation, statuses, record keys, offsets and logs. */
final class ConnectChecks {

    private static final Pattern ORDER_KEY = Pattern.compile("\\{\"orderid\":\"o-\\d+\"}");
    private static final Pattern LINE_KEY = Pattern.compile("\\{\"orderid\":\"o-\\d+\",\"line\":\\d+}");

    private ConnectChecks() {
    }

    /** GET /connector-plugins lists the connector and the transform, with the build's version, from one install. */
    static void assertPluginsListed(JsonNode plugins) {
        Map<String, JsonNode> byClass = new LinkedHashMap<>();
        plugins.forEach(plugin -> byClass.put(plugin.path("class").asText(), plugin));
        assertThat(byClass).containsKeys(Deployment.CONNECTOR_CLASS, Deployment.TRANSFORM_CLASS);
        assertThat(byClass.get(Deployment.CONNECTOR_CLASS).path("type").asText()).isEqualTo("source");
        assertThat(byClass.get(Deployment.CONNECTOR_CLASS).path("version").asText()).isEqualTo(Deployment.VERSION);
        assertThat(byClass.get(Deployment.TRANSFORM_CLASS).path("type").asText()).isEqualTo("transformation");
        assertThat(byClass.get(Deployment.TRANSFORM_CLASS).path("version").asText()).isEqualTo(Deployment.VERSION);
    }

    /** Every error of a PUT …/config/validate answer, as {@code key: message}. */
    static List<String> allErrors(JsonNode validation) {
        List<String> errors = new ArrayList<>();
        validation.path("configs").forEach(config -> config.path("value").path("errors")
                .forEach(error -> errors.add(config.path("value").path("name").asText() + ": " + error.asText())));
        return errors;
    }

    static List<String> errorsOf(JsonNode validation, String key) {
        List<String> errors = new ArrayList<>();
        validation.path("configs").forEach(config -> {
            if (config.path("value").path("name").asText().equals(key)) {
                config.path("value").path("errors").forEach(error -> errors.add(error.asText()));
            }
        });
        return errors;
    }

    /** Waits for the connector and this many tasks to run; a FAILED task fails at once. */
    static JsonNode awaitRunning(ConnectRest rest, String name, int tasks) {
        JsonNode[] last = new JsonNode[1];
        Await.until(Duration.ofMinutes(2), () -> name + " and " + tasks + " tasks RUNNING: " + last[0], () -> {
            JsonNode status = rest.status(name);
            last[0] = status;
            if (status == null || !"RUNNING".equals(status.path("connector").path("state").asText())) {
                return false;
            }
            List<String> states = new ArrayList<>();
            status.path("tasks").forEach(task -> states.add(task.path("state").asText()));
            assertThat(states).as("task states of %s: %s", name, status).doesNotContain("FAILED");
            return states.size() == tasks && states.stream().allMatch("RUNNING"::equals);
        });
        return last[0];
    }

    /** Every record key is the item's key as JSON, hash key first. */
    static void assertKeys(Deliveries delivered, String orders, String lines) {
        for (Deliveries.Row row : delivered.rowsList()) {
            String key = new String(row.key(), StandardCharsets.UTF_8);
            Pattern expected = row.id().startsWith(lines + "|") ? LINE_KEY : ORDER_KEY;
            assertThat(key).as("the key of %s: the item's key, hash key first", row.id()).matches(expected);
        }
        assertThat(delivered.rowsList()).anyMatch(row -> row.id().startsWith(lines + "|"))
                .anyMatch(row -> row.id().startsWith(orders + "|"));
    }

    /** A shard's offset key as this build writes it ({@code shard} is {@code stream_arn|shard_id}). */
    static String currentKey(String connector, String shard) {
        String[] parts = shard.split("\\|");
        return "[\"" + connector + "\",{\"stream_arn\":\"" + parts[0] + "\",\"shard_id\":\"" + parts[1] + "\"}]";
    }

    /** The same shard's offset key as earlier builds wrote it in about half of their JVMs. */
    static String legacyKey(String connector, String shard) {
        String[] parts = shard.split("\\|");
        return "[\"" + connector + "\",{\"shard_id\":\"" + parts[1] + "\",\"stream_arn\":\"" + parts[0] + "\"}]";
    }

    /** The offsets of one connector, from a whole offsets topic. */
    static Map<String, String> forConnector(Map<String, String> stored, String connector) {
        Map<String, String> mine = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            if (key.startsWith("[\"" + connector + "\",")) {
                mine.put(key, value);
            }
        });
        return mine;
    }

    /** No warning or error from the connector's own classes: stops, kills and rebalances are not failures. */
    static void assertCleanLogs(String logs) {
        List<String> complaints = logs.lines()
                .filter(line -> line.matches("^\\[[^]]+] (WARN|ERROR) .*")
                        && line.matches(".*\\((ShardReader|DynamoDbStreamsSource\\w*|WireGetRecords|StreamCatalog|AwsClients)\\)$"))
                .toList();
        assertThat(complaints).as("warnings and errors of the connector").isEmpty();
        assertThat(logs).doesNotContain("retrying after a pause");
    }
}
