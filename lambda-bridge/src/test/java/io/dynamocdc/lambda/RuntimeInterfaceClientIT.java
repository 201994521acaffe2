package io.dynamocdc.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged function the way AWS Lambda's managed Java runtime does: the deployment package
 * ({@code target/dynamo-cdc-lambda.jar}) unzipped into a task root, the AWS Lambda Runtime Interface
 * Client (RIC) started as its own JVM with only its own jars on the classpath and the handler string as
 * its argument, and a local stand-in for the Lambda Runtime API handing it one Firehose event. This
 * proves the handler string, the packaging (our classes and Jackson are found only through the task
 * root) and the event/response bytes as the runtime passes them.
 *
 * <p>What the RIC 2.10.1 really does (read from its jar): it loads user code with a class loader over
 * {@code System.getProperty("user.dir")} (plus {@code user.dir/lib/*.jar} and {@code /opt/java/lib/*.jar}),
 * parent first, so the working directory is the task root; it long-polls
 * {@code GET /2018-06-01/runtime/invocation/next} and posts {@code .../invocation/{id}/response} from its
 * native (libcurl) layer, and posts {@code .../invocation/{id}/error} and {@code /2018-06-01/runtime/init/error}
 * from Java with the header {@code Lambda-Runtime-Function-Error-Type}. Without
 * {@code _LAMBDA_TELEMETRY_LOG_FD} (which only Lambda itself provides) the function's log lines go to the
 * process's stdout, verbatim in the default TEXT log format; with it, to that descriptor, one frame per
 * logger call (case d).
 */
class RuntimeInterfaceClientIT {

    static final String HANDLER = "io.dynamocdc.lambda.FirehoseTransformHandler::handleRequest";
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the RIC loads its JNI library from when set; otherwise it unpacks it to a fixed /tmp path. */
    static final String RIC_JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    static final String FUNCTION_NAME = "dynamo-cdc-ric-it";
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path work;

    static Path taskRoot;
    static List<Path> runtimeClasspath;
    static Path jniLibrary;
    static Path logDirectory;

    @BeforeAll
    static void deployLikeLambda() throws IOException {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the RIC ships native libraries for Linux only");
        Path artifact = lambdaArtifact();
        taskRoot = Files.createDirectories(work.resolve("var-task"));
        unzip(artifact, taskRoot);
        runtimeClasspath = RicClasspath.fromTestClasspath();
        jniLibrary = RicClasspath.extractJniLibrary(runtimeClasspath.get(0), work);
        logDirectory = Files.createDirectories(artifact.getParent().resolve("ric-it"));
    }

    // ---------------------------------------------------------------------------------------------
    // (a) the recorded orders event

    @Test
    void ordersEventIsTransformedThroughTheRuntimeInterfaceClient(TestInfo test) throws Exception {
        byte[] event = resource("/events/firehose-orders.json");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             RicProcess ric = RicProcess.start(api, logName(test), Map.of())) {
            String requestId = api.enqueue(event);

            RuntimeApiStandIn.Answer answer = ric.awaitAnswer(api);
            ric.stop();

            assertThat(answer.kind()).as("what the RIC posted (%s)%s", answer, ric.logs())
                    .isEqualTo(RuntimeApiStandIn.Kind.RESPONSE);
            assertThat(answer.requestId()).isEqualTo(requestId);

            // The runtime hands our bytes through unchanged: the answer is exactly what the handler
            // writes when called in process on the same event with the same (default) configuration.
            assertThat(answer.bodyText()).as("response through the RIC vs in process%s", ric.logs())
                    .isEqualTo(inProcessAnswer(event));

            JsonNode response = JSON.readTree(answer.body());
            JsonNode records = response.path("records");
            JsonNode eventRecords = JSON.readTree(event).path("records");
            assertThat(records.size()).as("records in %s", answer.bodyText()).isEqualTo(5);
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                assertThat(record.path("recordId").asText()).isEqualTo(eventRecords.get(i).path("recordId").asText());
                assertThat(record.path("result").asText()).as("record %d", i).isEqualTo("Ok");
                String row = decode(record.path("data").asText());
                assertThat(row).as("row %d", i).endsWith("\n");
                assertThat(JSON.readTree(row).isObject()).as("row %d is one JSON object", i).isTrue();
                JsonNode partitionKeys = record.path("metadata").path("partitionKeys");
                assertThat(partitionKeys.path("dt").asText()).as("dt of record %d", i).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(partitionKeys.path("hour").asText()).as("hour of record %d", i).matches("\\d{2}");
            }
            assertThat(decode(records.get(0).path("data").asText())).isEqualTo(
                    "{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":2,\"price\":249.99,"
                            + "\"cdc_event_type\":\"INSERT\",\"creation_datetime\":\"2025-11-01T00:00:00Z\"}\n");
            assertThat(records.get(0).path("metadata").path("partitionKeys").toString())
                    .isEqualTo("{\"dt\":\"2025-11-01\",\"hour\":\"00\"}");

            // Our structured log lines reach the RIC's log sink, which is the process's stdout here.
            List<String> stdout = ric.stdoutLines();
            assertThat(stdout).as("stdout%s", ric.logs())
                    .anyMatch(line -> line.contains("\"message\":\"lambda-bridge ready\""));
            JsonNode batchLine = JSON.readTree(single(stdout, "\"message\":\"batch transformed\"", ric));
            assertThat(batchLine.path("level").asText()).isEqualTo("INFO");
            assertThat(batchLine.path("FunctionName").asText()).isEqualTo(FUNCTION_NAME);
            assertThat(batchLine.path("requestId").asText()).isEqualTo(requestId);
            assertThat(batchLine.path("invocationId").asText())
                    .isEqualTo(JSON.readTree(event).path("invocationId").asText());
            assertThat(batchLine.path("Records").asInt()).isEqualTo(5);
            assertThat(batchLine.path("RecordsOk").asInt()).isEqualTo(5);
            assertThat(batchLine.path("ResponseBytes").asLong()).isEqualTo(answer.body().length);
            assertThat(ric.stderrText()).as("stderr").doesNotContain("batch transformed");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (b) bad records fail one by one, the batch is answered

    @Test
    void badRecordsFailOneByOneAndKeepTheirOriginalData(TestInfo test) throws Exception {
        byte[] event = resource("/events/firehose-bad-records.json");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             RicProcess ric = RicProcess.start(api, logName(test), Map.of())) {
            String requestId = api.enqueue(event);

            RuntimeApiStandIn.Answer answer = ric.awaitAnswer(api);
            ric.stop();

            assertThat(answer.kind()).as("what the RIC posted (%s)%s", answer, ric.logs())
                    .isEqualTo(RuntimeApiStandIn.Kind.RESPONSE);
            assertThat(answer.requestId()).isEqualTo(requestId);
            assertThat(answer.bodyText()).isEqualTo(inProcessAnswer(event));

            JsonNode records = JSON.readTree(answer.body()).path("records");
            JsonNode eventRecords = JSON.readTree(event).path("records");
            assertThat(records.size()).isEqualTo(7);
            List<String> results = new ArrayList<>();
            records.forEach(record -> results.add(record.path("result").asText()));
            assertThat(results).containsExactly("Ok", "ProcessingFailed", "ProcessingFailed", "ProcessingFailed",
                    "ProcessingFailed", "Ok", "ProcessingFailed");
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                JsonNode original = eventRecords.get(i);
                assertThat(record.path("recordId").asText()).isEqualTo(original.path("recordId").asText());
                if (record.path("result").asText().equals("Ok")) {
                    assertThat(decode(record.path("data").asText())).as("row %d", i).endsWith("\n");
                    assertThat(record.path("metadata").path("partitionKeys").has("dt")).isTrue();
                    assertThat(record.path("metadata").path("partitionKeys").has("hour")).isTrue();
                } else {
                    // Firehose keeps a failed record's data as it was sent: the exact original text.
                    String originalData = original.has("data") ? original.path("data").asText() : "";
                    assertThat(record.path("data").isTextual()).as("data of record %d", i).isTrue();
                    assertThat(record.path("data").asText()).as("data of failed record %d", i).isEqualTo(originalData);
                }
            }
            assertThat(records.get(6).path("data").asText()).as("record 6 came without data").isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (c) a misconfigured function fails the invocation with a message naming the variable

    @Test
    void invalidConfigurationIsReportedAsAnInvocationErrorNamingTheVariable(TestInfo test) throws Exception {
        byte[] event = resource("/events/firehose-orders.json");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             RicProcess ric = RicProcess.start(api, logName(test), Map.of("CDC_ROW_FIELDS", "price:nope"))) {
            String requestId = api.enqueue(event);

            RuntimeApiStandIn.Answer answer = ric.awaitAnswer(api);
            ric.stop();

            assertThat(answer.kind()).as("what the RIC posted (%s)%s", answer, ric.logs())
                    .isEqualTo(RuntimeApiStandIn.Kind.INVOCATION_ERROR);
            assertThat(answer.requestId()).isEqualTo(requestId);
            assertThat(answer.errorType()).as("Lambda-Runtime-Function-Error-Type of %s", answer)
                    .isEqualTo("Runtime.UserException");

            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.path("errorMessage").asText())
                    .startsWith("dynamo-cdc lambda-bridge is misconfigured: invalid value 'price:nope' for option CDC_ROW_FIELDS")
                    .contains("no record was read");
            assertThat(error.path("stackTrace").isArray()).isTrue();

            List<String> stdout = ric.stdoutLines();
            JsonNode initLine = JSON.readTree(single(stdout, "\"message\":\"invalid configuration", ric));
            assertThat(initLine.path("level").asText()).isEqualTo("ERROR");
            assertThat(initLine.path("variable").asText()).isEqualTo("CDC_ROW_FIELDS");
            assertThat(initLine.path("value").asText()).isEqualTo("price:nope");
            JsonNode failedLine = JSON.readTree(single(stdout, "\"message\":\"invocation failed\"", ric));
            assertThat(failedLine.path("requestId").asText()).isEqualTo(requestId);
            assertThat(stdout).as("nothing was transformed").noneMatch(line -> line.contains("batch transformed"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (d) where the log lines go in AWS itself

    /**
     * In a real execution environment Lambda passes the RIC a telemetry log descriptor in
     * {@code _LAMBDA_TELEMETRY_LOG_FD}, and the RIC writes every logger call to it as one frame (16-byte
     * header: magic 0xA55A plus flags, payload length, timestamp in microseconds) instead of to stdout;
     * each frame becomes one CloudWatch log event. Here the descriptor is the child's stdout (fd 1). The
     * RIC opens it through a private JDK constructor, hence the runtime's {@code --add-opens java.base/java.io};
     * without it the RIC silently falls back to plain stdout.
     */
    @Test
    void inLambdaEachLogLineIsOneTelemetryFrame(TestInfo test) throws Exception {
        byte[] event = resource("/events/firehose-orders.json");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             RicProcess ric = RicProcess.start(api, logName(test), Map.of("_LAMBDA_TELEMETRY_LOG_FD", "1"))) {
            String requestId = api.enqueue(event);

            RuntimeApiStandIn.Answer answer = ric.awaitAnswer(api);
            ric.stop();

            assertThat(answer.kind()).as("what the RIC posted (%s)%s", answer, ric.logs())
                    .isEqualTo(RuntimeApiStandIn.Kind.RESPONSE);
            List<String> frames = TelemetryFrames.read(ric.stdoutBytes(), ric);
            assertThat(frames).as("one frame per log line%s", ric.logs()).hasSize(2);
            assertThat(frames.get(0)).contains("\"message\":\"lambda-bridge ready\"").endsWith("}\n");
            assertThat(frames.get(1)).contains("\"message\":\"batch transformed\"").endsWith("}\n");
            assertThat(JSON.readTree(frames.get(1)).path("requestId").asText()).isEqualTo(requestId);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (e) SnapStart: priming before the snapshot

    /**
     * With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the RIC runs the CRaC beforeCheckpoint hooks
     * after init (our priming, registered through org.crac), asks {@code GET /restore/next}, runs the
     * afterRestore hooks and only then polls for invocations. Priming must neither fail the snapshot nor
     * log anything: its batch holds a bad record, which would otherwise log "record failed" 200 times.
     */
    @Test
    void snapStartPrimingRunsSilentlyBeforeTheSnapshot(TestInfo test) throws Exception {
        byte[] event = resource("/events/firehose-orders.json");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn();
             RicProcess ric = RicProcess.start(api, logName(test), Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))) {
            api.enqueue(event);

            RuntimeApiStandIn.Answer answer = ric.awaitAnswer(api);
            ric.stop();

            assertThat(answer.kind()).as("what the RIC posted (%s)%s", answer, ric.logs())
                    .isEqualTo(RuntimeApiStandIn.Kind.RESPONSE);
            assertThat(answer.bodyText()).isEqualTo(inProcessAnswer(event));
            assertThat(api.calls()).as("runtime API calls%s", ric.logs()).startsWith(
                    "GET /2018-06-01/runtime/restore/next",
                    "GET /2018-06-01/runtime/invocation/next",
                    "POST /2018-06-01/runtime/invocation/" + answer.requestId() + "/response");
            List<String> stdout = ric.stdoutLines();
            assertThat(stdout).as("stdout%s", ric.logs()).noneMatch(line -> line.contains("record failed"));
            assertThat(JSON.readTree(single(stdout, "\"message\":\"batch transformed\"", ric)).path("Records").asInt())
                    .isEqualTo(5);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    static Path lambdaArtifact() {
        String property = System.getProperty("lambda.artifact");
        assertThat(property).as("system property lambda.artifact (set by the failsafe configuration in lambda-bridge/pom.xml)")
                .isNotBlank();
        Path artifact = Path.of(property);
        assertThat(artifact).as("the packaged function; run 'mvn verify' so that 'package' builds it first").isRegularFile();
        return artifact;
    }

    /** Unzips the deployment package like Lambda does into /var/task. */
    static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        }
    }

    /** What the handler answers when called directly, with the default configuration (no CDC_* variables). */
    static String inProcessAnswer(byte[] event) throws IOException {
        LambdaBridge bridge = LambdaBridge.fromEnvironment(Map.of(), line -> { });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bridge.handle(new ByteArrayInputStream(event), out, null);
        return out.toString(UTF_8);
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RuntimeInterfaceClientIT.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    static String single(List<String> lines, String marker, RicProcess ric) {
        List<String> matching = lines.stream().filter(line -> line.contains(marker)).toList();
        assertThat(matching).as("stdout lines containing %s%s", marker, ric.logs()).hasSize(1);
        return matching.get(0);
    }

    static String logName(TestInfo test) {
        return test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("ric");
    }
}
