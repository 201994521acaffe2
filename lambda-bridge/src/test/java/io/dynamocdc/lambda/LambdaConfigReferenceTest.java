package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/lambda-config.md is generated from {@link BridgeConfig#VARIABLES}. This test fails when the two
 * differ; run it with {@code -Ddocs.update=true} to rewrite the file.
 */
class LambdaConfigReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/lambda-config.md");

    @Test
    void referenceIsGeneratedFromTheVariables() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(REFERENCE, generated);
        }
        assertThat(REFERENCE).as("regenerate with: mvn -pl lambda-bridge test -Dtest=LambdaConfigReferenceTest -Ddocs.update=true")
                .exists();
        assertThat(Files.readString(REFERENCE)).isEqualTo(generated);
    }

    private static String shown(String defaultValue) {
        return defaultValue.isEmpty() ? "*(empty)*" : "`" + defaultValue + "`";
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Lambda bridge configuration\n\n")
                .append("<!-- Generated from BridgeConfig.VARIABLES by LambdaConfigReferenceTest; do not edit by hand. -->\n\n")
                .append("Handler: `io.dynamocdc.lambda.FirehoseTransformHandler::handleRequest` (runtimes java17, java21). ")
                .append("The function reads these environment variables once, at init. The transform's options have the ")
                .append("same names, defaults and meaning as the Kafka Connect SMT's (see transform-config.md). ")
                .append("An invalid value is logged at init and fails every invocation with a message naming the variable, ")
                .append("before any record is read.\n\n")
                .append("| Variable | Default |\n|---|---|\n");
        for (BridgeConfig.Variable variable : BridgeConfig.VARIABLES) {
            md.append("| `").append(variable.name()).append("` | ").append(shown(variable.defaultValue())).append(" |\n");
        }
        for (BridgeConfig.Variable variable : BridgeConfig.VARIABLES) {
            md.append("\n## `").append(variable.name()).append("`\n\n").append(variable.doc()).append('\n')
                    .append("\n- Default: ").append(shown(variable.defaultValue())).append('\n');
        }
        md.append("\nThe answer to Firehose is kept under ").append(String.format(java.util.Locale.ROOT, "%,d", BridgeConfig.MAX_RESPONSE_BYTES))
                .append(" bytes (Lambda allows 6 MB): when the transformed batch would not fit, the fewest records that ")
                .append("make it fit come back ProcessingFailed with their original data.\n");
        return md.toString();
    }
}
