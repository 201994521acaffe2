package io.dynamocdc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients other than the Java SDK work unchanged: boto3 (Python) and the AWS CLI. Both come with this
 * machine's Python; when one is missing the test fails and says what to install.
 */
class OtherClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DynamoDbEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = DynamoDbEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void boto3ReadsAndWritesTablesAndStreams(@TempDir Path scratch) throws Exception {
        Path script = scratch.resolve("boto3_client.py");
        try (var in = OtherClientsTest.class.getResourceAsStream("/boto3_client.py")) {
            Files.copy(in, script);
        }
        JsonNode seen = JSON.readTree(run(List.of("python3", script.toString(), emulator.endpoint().toString()),
                "python3 with boto3 (pip install boto3)"));
        assertThat(seen.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(seen.path("price").asText()).isEqualTo("199.99");
        assertThat(seen.path("events")).extracting(JsonNode::asText).containsExactly("INSERT", "MODIFY");
        assertThat(seen.path("old_price").asText()).isEqualTo("249.99");
        assertThat(seen.path("conditional").asText()).isEqualTo("ConditionalCheckFailedException");
    }

    @Test
    void theAwsCliListsTablesAndStreams() throws Exception {
        String endpoint = emulator.endpoint().toString();
        run(List.of("aws", "dynamodb", "create-table", "--table-name", "cli-orders", "--endpoint-url", endpoint,
                "--key-schema", "AttributeName=orderid,KeyType=HASH",
                "--attribute-definitions", "AttributeName=orderid,AttributeType=S",
                "--billing-mode", "PAY_PER_REQUEST",
                "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE"), "the AWS CLI (pip install awscli)");
        run(List.of("aws", "dynamodb", "put-item", "--table-name", "cli-orders", "--endpoint-url", endpoint,
                "--item", "{\"orderid\":{\"S\":\"7\"}}"), "the AWS CLI");
        JsonNode tables = JSON.readTree(run(List.of("aws", "dynamodb", "list-tables", "--endpoint-url", endpoint), "the AWS CLI"));
        assertThat(tables.path("TableNames")).extracting(JsonNode::asText).contains("cli-orders");
        JsonNode streams = JSON.readTree(run(List.of("aws", "dynamodbstreams", "list-streams", "--table-name", "cli-orders",
                "--endpoint-url", endpoint), "the AWS CLI"));
        assertThat(streams.path("Streams").get(0).path("StreamArn").asText())
                .startsWith("arn:aws:dynamodb:ap-southeast-2:000000000000:table/cli-orders/stream/");
    }

    /** Runs a client process with throwaway credentials; returns its stdout, failing on a non-zero exit. */
    private static String run(List<String> command, String whatIsNeeded) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        environment.put("AWS_SECRET_ACCESS_KEY", "secret");
        environment.put("AWS_DEFAULT_REGION", "ap-southeast-2");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " was not found: this test needs " + whatIsNeeded, e);
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s failed (needs %s):%n%s", command, whatIsNeeded, stderr).isZero();
        return stdout;
    }
}
