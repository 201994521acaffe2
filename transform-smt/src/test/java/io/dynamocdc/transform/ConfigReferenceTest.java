package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.connect.CdcTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * docs/transform-config.md is generated from the SMT's ConfigDef, never written by hand. This test
 * fails when the two differ; run it with {@code -Ddocs.update=true} to rewrite the file.
 */
class ConfigReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/transform-config.md");

    @Test
    void referenceIsGeneratedFromTheConfigDef() throws IOException {
        String generated = render(CdcTransform.CONFIG_DEF);
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(REFERENCE).as("regenerate with: mvn -pl transform-smt test -Dtest=ConfigReferenceTest -Ddocs.update=true")
                .exists();
        assertThat(Files.readString(REFERENCE)).isEqualTo(generated);
        assertThat(generated).contains(TransformOptions.NAMES.toArray(String[]::new));
    }

    static String render(ConfigDef def) {
        StringBuilder md = new StringBuilder();
        md.append("# Transform options\n\n")
                .append("<!-- Generated from CdcTransform.CONFIG_DEF by ConfigReferenceTest; do not edit by hand. -->\n\n")
                .append(CdcTransform.OVERVIEW_DOC).append("\n\n")
                .append("| Kafka Connect key (`transforms.<name>.`…) | Lambda environment variable | CLI flag |\n")
                .append("|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = List.copyOf(def.configKeys().values());
        for (ConfigDef.ConfigKey key : keys) {
            md.append("| `").append(key.name).append("` | `").append(TransformOptions.environmentName(key.name))
                    .append("` | `--").append(key.name.replace('.', '-')).append("` |\n");
        }
        for (ConfigDef.ConfigKey key : keys) {
            md.append("\n## `").append(key.name).append("`\n\n")
                    .append(key.documentation).append("\n\n")
                    .append("- Type: ").append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append('\n')
                    .append("- Default: `").append(key.hasDefault() ? ConfigDef.convertToString(key.defaultValue, key.type) : "")
                    .append("`\n")
                    .append("- Valid values: ").append(key.validator == null ? "any" : key.validator.toString()).append('\n')
                    .append("- Importance: ").append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return md.toString();
    }
}
