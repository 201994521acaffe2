package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The plugin archive users unzip under plugin.path: the connector and its libraries, never Kafka's. */
class PluginArchiveIT {

    @Test
    void holdsTheConnectorAndItsLibrariesButNoKafka() throws IOException {
        Path zip = Path.of(System.getProperty("connector.plugin.zip", "target/missing.zip"));
        assertThat(zip).as("built by mvn package").exists();
        List<String> entries;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            entries = archive.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".jar")).toList();
        }
        assertThat(entries).allMatch(name -> name.startsWith("dynamo-cdc-connector/lib/"));
        assertThat(entries).anyMatch(name -> name.matches("dynamo-cdc-connector/lib/connector-.*\\.jar"))
                .anyMatch(name -> name.contains("/dynamodb-2.")).anyMatch(name -> name.contains("/apache5-client-"))
                .anyMatch(name -> name.contains("/sts-2."));
        // The worker provides these; a second copy in the plugin breaks class loading.
        assertThat(entries).noneMatch(name -> name.contains("/kafka-") || name.contains("/connect-api-")
                || name.contains("/connect-runtime-") || name.contains("/slf4j-"));
    }
}
