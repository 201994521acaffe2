package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With no options set, an INSERT or MODIFY of the seed's table gives the row the seed's own Python
 * Lambda gives (run here with python3), and a REMOVE, which the seed failed, gives a row too.
 */
class SeedCompatibilityTest {

    @Test
    void sameRowsAsTheSeedLambdaAndRemovesThatItFailed() throws Exception {
        List<String> records = Files.readAllLines(Path.of("../samples/orders-stream.jsonl"));
        List<String> seed = runSeed(String.join("\n", records) + "\n");
        JsonTransform transform = JsonTransform.create(TransformOptions.defaults());

        assertThat(seed).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            byte[] ours = transform.apply(records.get(i).getBytes(StandardCharsets.UTF_8));
            JsonNode row = Fixtures.json(ours);
            if (row.get("cdc_event_type").asText().equals("REMOVE")) {
                assertThat(seed.get(i)).as("the seed fails every REMOVE").isEqualTo("FAILED");
                assertThat(row.get("orderid").isTextual()).isTrue();
                continue;
            }
            JsonNode theirs = Fixtures.json(seed.get(i));
            assertThat(row.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly("orderid", "product_name", "quantity", "price", "cdc_event_type", "creation_datetime");
            for (String column : List.of("orderid", "product_name", "quantity", "cdc_event_type", "creation_datetime")) {
                assertThat(row.get(column)).as(column + " of record " + i).isEqualTo(theirs.get(column));
            }
            // The seed squeezed prices through a float; ours keep every digit, and agree where a float could hold it.
            String exact = Fixtures.json(records.get(i)).get("dynamodb").get("NewImage").get("price").get("N").asText();
            JsonNode price = row.get("price");
            if (price.isTextual()) {
                // More digits than a double holds: every one kept, as text (see DynamoNumbers.plainValue).
                assertThat(price.asText()).isEqualTo(exact);
            } else {
                assertThat(price.decimalValue()).isEqualByComparingTo(exact);
                assertThat(price.doubleValue()).isEqualTo(theirs.get("price").doubleValue());
            }
        }
    }

    private static List<String> runSeed(String input) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/seed/seed_transform.py");
        Process python = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        python.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python3 exit status").isZero();
        return output.lines().toList();
    }
}
