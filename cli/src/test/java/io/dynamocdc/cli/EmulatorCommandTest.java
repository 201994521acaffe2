package io.dynamocdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class EmulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void servesUntilStoppedAndPrintsItsEndpoint() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<URI> ready = new CompletableFuture<>();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> command(stop, ready).execute("--port", "0", "--shards", "2"));

        URI endpoint = ready.get(30, TimeUnit.SECONDS);
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createTable(b -> b.tableName("tab").keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")).billingMode("PAY_PER_REQUEST"));
            assertThat(client.listTables().tableNames()).containsExactly("tab");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dynamo-cdc emulator: listening on " + endpoint)
                .contains("Ctrl-C stops it");

        stop.countDown();
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aPortInUseIsReportedNotThrown() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int status = command(new CountDownLatch(1), new CompletableFuture<>())
                    .execute("--port", String.valueOf(taken.getLocalPort()));
            assertThat(status).isEqualTo(TransformCommand.USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dynamo-cdc emulator: cannot start: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
    }

    private CommandLine command(CountDownLatch stop, CompletableFuture<URI> ready) {
        EmulatorCommand command = new EmulatorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stop, ready::complete);
        return new CommandLine(command);
    }
}
