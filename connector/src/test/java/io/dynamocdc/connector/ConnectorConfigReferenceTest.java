package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * docs/connector-config.md is generated from the connector's ConfigDef. This test fails when the two
 * differ; run it with {@code -Ddocs.update=true} to rewrite the file.
 */
class ConnectorConfigReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/connector-config.md");

    @Test
    void referenceIsGeneratedFromTheConfigDef() throws IOException {
        String generated = render(DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF);
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(REFERENCE).as("regenerate with: mvn -pl connector test -Dtest=ConnectorConfigReferenceTest -Ddocs.update=true")
                .exists();
        assertThat(Files.readString(REFERENCE)).isEqualTo(generated);
    }

    static String render(ConfigDef def) {
        StringBuilder md = new StringBuilder();
        md.append("# DynamoDB Streams source connector: configuration\n\n")
                .append("<!-- Generated from DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF by ConnectorConfigReferenceTest; ")
                .append("do not edit by hand. -->\n\n")
                .append("`connector.class`: `io.dynamocdc.connector.DynamoDbStreamsSourceConnector`\n");
        Map<String, TreeMap<Integer, ConfigDef.ConfigKey>> groups = new java.util.LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group, g -> new TreeMap<>()).put(key.orderInGroup, key);
        }
        groups.forEach((group, keys) -> {
            md.append("\n## ").append(group).append('\n');
            for (ConfigDef.ConfigKey key : keys.values()) {
                md.append("\n### `").append(key.name).append("`\n\n")
                        .append(key.documentation).append("\n\n")
                        .append("- Type: ").append(key.type.name().toLowerCase(Locale.ROOT)).append('\n')
                        .append("- Default: ").append(key.hasDefault()
                                ? "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`" : "(required)").append('\n')
                        .append("- Valid values: ").append(key.validator == null ? "any" : key.validator.toString()).append('\n')
                        .append("- Importance: ").append(key.importance.name().toLowerCase(Locale.ROOT)).append('\n');
            }
        });
        return md.toString();
    }
}
