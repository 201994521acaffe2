package io.dynamocdc.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployable package, {@code target/dynamo-cdc-lambda.jar}, as built by {@code mvn package}: small,
 * holding the handler and the transform core and nothing that belongs to Kafka, the AWS SDK, Debezium,
 * the Lambda runtime itself or jackson-databind; compiled for the java17 runtime; and runnable with
 * {@code java -jar} on a recorded event.
 */
class LambdaArtifactIT {

    static final long MAX_BYTES = 2_000_000;
    static final int JAVA_17_MAJOR = 61;
    static final String HANDLER_CLASS = "io/dynamocdc/lambda/FirehoseTransformHandler.class";

    static final List<String> FORBIDDEN_PREFIXES = List.of(
            "org/apache/kafka/",
            "software/amazon/awssdk/",
            "io/debezium/",
            "com/amazonaws/services/lambda/runtime/api/client/", // the RIC belongs to the runtime
            "io/dynamocdc/transform/connect/",                  // the SMT face needs Kafka
            "com/fasterxml/jackson/databind/");

    /** A multi-release jar may hide classes under META-INF/versions/N/; they count like the others. */
    static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/(.*)");

    static Path artifact;
    static List<String> entries;

    @BeforeAll
    static void openArtifact() throws IOException {
        String property = System.getProperty("lambda.artifact");
        assertThat(property).as("system property lambda.artifact (set by the failsafe configuration in lambda-bridge/pom.xml)")
                .isNotBlank();
        artifact = Path.of(property);
        assertThat(artifact).as("the packaged function; run 'mvn verify' so that 'package' builds it first").isRegularFile();
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void isSmallerThanTwoMegabytes() throws IOException {
        assertThat(Files.size(artifact)).as("size of %s in bytes", artifact).isLessThan(MAX_BYTES);
    }

    @Test
    void holdsTheHandlerAndTheTransformCore() {
        assertThat(entries).contains(HANDLER_CLASS, "io/dynamocdc/transform/JsonTransform.class");
    }

    @Test
    void holdsNothingFromKafkaTheSdkDebeziumTheRuntimeOrDatabind() {
        for (String prefix : FORBIDDEN_PREFIXES) {
            List<String> found = entries.stream().filter(entry -> unversioned(entry).startsWith(prefix)).toList();
            assertThat(found).as("entries under %s", prefix).isEmpty();
        }
    }

    @Test
    void handlerIsCompiledForJava17() throws IOException {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            assertThat(classFileMajorVersion(zip, HANDLER_CLASS)).as("class file major version of %s", HANDLER_CLASS)
                    .isEqualTo(JAVA_17_MAJOR);
        }
    }

    @Test
    void noClassNeedsANewerJavaThanTheOneThatLoadsIt() throws IOException {
        List<String> tooNew = new ArrayList<>();
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (String entry : entries) {
                if (!entry.endsWith(".class")) {
                    continue;
                }
                Matcher versioned = VERSIONED.matcher(entry);
                // Outside META-INF/versions a class must load on the java17 runtime; inside versions/N, on Java N.
                int loadedBy = versioned.matches() ? Integer.parseInt(versioned.group(1)) : 17;
                int major = classFileMajorVersion(zip, entry);
                if (major > loadedBy + 44) {
                    tooNew.add(entry + " (major " + major + ")");
                }
            }
        }
        assertThat(tooNew).isEmpty();
    }

    @Test
    void manifestNamesTheLocalInvokeEntryPoint() throws IOException {
        try (JarFile jar = new JarFile(artifact.toFile())) {
            assertThat(jar.getManifest()).as("manifest of %s", artifact).isNotNull();
            assertThat(jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
                    .isEqualTo("io.dynamocdc.lambda.LocalInvoke");
        }
    }

    @Test
    void javaDashJarAnswersARecordedEventOnStdout() throws Exception {
        Path event = resourcePath("/events/firehose-orders.json");
        Path logs = Files.createDirectories(artifact.getParent().resolve("artifact-it"));
        Path stdout = logs.resolve("local-invoke-stdout.log");
        Path stderr = logs.resolve("local-invoke-stderr.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", artifact.toString(), event.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CDC_") || name.equals("JAVA_TOOL_OPTIONS")); // defaults only
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("java -jar finished within 60 s%s", logs(stdout, stderr)).isTrue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as("exit code of java -jar%s", logs(stdout, stderr)).isZero();

        // stdout is the answer and nothing else: the log lines go to stderr.
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode response = json.readTree(Files.readString(stdout, UTF_8));
        JsonNode records = response.path("records");
        assertThat(records.size()).as("records in the answer%s", logs(stdout, stderr)).isEqualTo(5);
        JsonNode eventRecords = json.readTree(event.toFile()).path("records");
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).path("recordId").asText()).isEqualTo(eventRecords.get(i).path("recordId").asText());
            assertThat(records.get(i).path("result").asText()).as("record %d", i).isEqualTo("Ok");
            assertThat(records.get(i).path("data").asText()).as("record %d", i).isNotEmpty();
        }
        assertThat(Files.readString(stderr, UTF_8)).contains("\"message\":\"batch transformed\"");
    }

    static String unversioned(String entry) {
        Matcher versioned = VERSIONED.matcher(entry);
        return versioned.matches() ? versioned.group(2) : entry;
    }

    static int classFileMajorVersion(ZipFile zip, String entry) throws IOException {
        ZipEntry classFile = zip.getEntry(entry);
        assertThat(classFile).as("%s in %s", entry, artifact).isNotNull();
        try (DataInputStream in = new DataInputStream(zip.getInputStream(classFile))) {
            assertThat(in.readInt()).as("class file magic of %s", entry).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort();
        }
    }

    static Path resourcePath(String name) throws URISyntaxException {
        var url = LambdaArtifactIT.class.getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return Path.of(url.toURI());
    }

    static String logs(Path stdout, Path stderr) throws IOException {
        return "\n--- stdout ---\n" + Files.readString(stdout, UTF_8) + "\n--- stderr ---\n" + Files.readString(stderr, UTF_8);
    }
}
