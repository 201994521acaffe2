package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamocdc.transform.connect.CdcTransform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin archive users install (confluent-hub install, or unzip under plugin.path), in Confluent
 * Hub's component layout: one top directory named like the zip, holding manifest.json, lib/ (the
 * connector, the transform and their libraries, never the worker's Kafka or logging), doc/ and etc/.
 * Checked against the build (mvn package made it) and the repository's own files.
 */
class PluginArchiveIT {

    private static final String VERSION = System.getProperty("project.version");
    private static final Path ZIP = Path.of(System.getProperty("connector.plugin.zip", "target/missing.zip"));
    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", ".."));
    private static final String TOP = "dynamo-cdc-connector-" + VERSION;

    /** The archive's files (directories left out), by path inside the archive, in archive order. */
    private static Map<String, byte[]> files;
    /** What each lib/ jar holds, by the jar's file name. */
    private static Map<String, JarContents> libJars;
    private static JsonNode manifest;

    @BeforeAll
    static void readArchive() throws IOException {
        assertThat(VERSION).as("project.version, set by failsafe").isNotBlank();
        assertThat(ZIP).as("built by mvn package").exists();
        files = new LinkedHashMap<>();
        try (ZipFile archive = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                if (!entry.isDirectory()) {
                    try (InputStream in = archive.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        libJars = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith(TOP + "/lib/") && file.getKey().endsWith(".jar")) {
                libJars.put(file.getKey().substring((TOP + "/lib/").length()), JarContents.read(file.getValue()));
            }
        }
        byte[] manifestBytes = files.get(TOP + "/manifest.json");
        assertThat(manifestBytes).as("manifest.json at the top").isNotNull();
        manifest = new ObjectMapper().readTree(manifestBytes);
    }

    @Test
    void everythingIsInOneTopDirectoryNamedLikeTheZip() {
        assertThat(ZIP.getFileName()).hasToString(TOP + ".zip");
        assertThat(files.keySet()).isNotEmpty().allMatch(name -> name.startsWith(TOP + "/"));
    }

    @Test
    void manifestNamesTheComponentAndTheBuiltVersion() {
        assertThat(manifest.path("name").asText()).isEqualTo("dynamo-cdc-connector");
        assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).contains("DynamoDB Streams", CdcTransform.class.getName());
        assertThat(texts(manifest.path("component_types"))).containsExactly("source", "transform");
        assertThat(texts(manifest.path("tags"))).contains("dynamodb", "cdc");
    }

    @Test
    void manifestFeaturesSayBothDeliveryGuarantees() {
        JsonNode features = manifest.path("features");
        assertThat(features.path("single_message_transforms").isBoolean()).isTrue();
        assertThat(features.path("single_message_transforms").booleanValue()).isTrue();
        assertThat(features.path("kafka_connect_api").booleanValue()).isTrue();
        assertThat(features.path("confluent_control_center_integration").isBoolean()).isTrue();
        assertThat(features.path("confluent_control_center_integration").booleanValue()).isFalse();
        assertThat(texts(features.path("delivery_guarantee"))).containsExactly("at_least_once", "exactly_once");
        assertThat(texts(features.path("supported_encodings"))).containsExactly("any");
    }

    @Test
    void manifestRequirementsNameTheKafkaAndJavaTheCodeNeeds() {
        // alterOffsets (KIP-875) first shipped in Kafka 3.6; the classes are Java 17 bytecode.
        assertThat(texts(manifest.path("requirements")))
                .anyMatch(requirement -> requirement.contains("Kafka 3.6 or later") && requirement.contains("KIP-618"))
                .anyMatch(requirement -> requirement.contains("Java 17"));
    }

    @Test
    void manifestOwnerAndSupportAreTheProject() {
        JsonNode owner = manifest.path("owner");
        assertThat(owner.path("username").asText()).isEqualTo("dynamocdc");
        assertThat(owner.path("name").asText()).isEqualTo("dynamo-cdc");
        assertThat(owner.path("type").asText()).isEqualTo("organization");
        assertThat(manifest.path("support").path("provider_name").asText()).isEqualTo("dynamo-cdc");
        assertThat(manifest.path("support").path("summary").asText()).isNotBlank();
    }

    @Test
    void manifestLicenceIsApacheAndItsDocumentsAreInTheArchive() {
        assertThat(manifest.path("license").isArray()).isTrue();
        assertThat(manifest.path("license")).singleElement()
                .satisfies(licence -> assertThat(licence.path("name").asText()).isEqualTo("Apache License 2.0"));
        List<String> links = new ArrayList<>();
        links.add(manifest.path("documentation_url").asText());
        manifest.path("license").forEach(licence -> links.add(licence.path("url").asText()));
        assertThat(manifest.path("documentation_url").asText()).isEqualTo("doc/README.md");
        for (String link : links) {
            if (URI.create(link).getScheme() == null) {
                assertThat(files).as("%s, named in manifest.json", link).containsKey(TOP + "/" + link);
            }
        }
    }

    @Test
    void manifestHasNoWebAddresses() {
        // There is no hosted site: every link points into the archive.
        String text = new String(files.get(TOP + "/manifest.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("http://", "https://", "${");
    }

    @Test
    void libHoldsBothPluginJarsAndTheirLibraries() {
        assertThat(libJars.keySet())
                .contains("connector-" + VERSION + ".jar", "transform-smt-" + VERSION + ".jar")
                .anyMatch(name -> name.startsWith("dynamodb-2."))
                .anyMatch(name -> name.startsWith("apache5-client-"))
                .anyMatch(name -> name.startsWith("sts-2."))
                .anyMatch(name -> name.startsWith("jackson-core-"));
    }

    @Test
    void noJarOutsideLib() {
        assertThat(files.keySet()).filteredOn(name -> name.endsWith(".jar")).isNotEmpty().allMatch(name -> name.startsWith(TOP + "/lib/") && name.indexOf('/', (TOP + "/lib/").length()) < 0);
    }

    @Test
    void noKafkaOrLoggingJars() {
        // The worker provides these; a second copy in the plugin breaks class loading.
        assertThat(libJars.keySet()).noneMatch(name -> name.matches(
                "(kafka|connect-(api|json|runtime|transforms|file|mirror)|slf4j|log4j|logback|reload4j).*"));
        libJars.forEach((jar, contents) -> assertThat(contents.names()).as(jar).noneMatch(entry ->
                entry.startsWith("org/apache/kafka/") || entry.startsWith("org/slf4j/")
                        || entry.startsWith("org/apache/log4j/") || entry.startsWith("org/apache/logging/log4j/")
                        || entry.startsWith("ch/qos/logback/")));
    }

    @Test
    void bothPluginClassesAreInLib() {
        assertThat(jarsHolding(DynamoDbStreamsSourceConnector.class)).containsExactly("connector-" + VERSION + ".jar");
        assertThat(jarsHolding(CdcTransform.class)).containsExactly("transform-smt-" + VERSION + ".jar");
    }

    @Test
    void serviceFilesNameThePluginClasses() {
        // Connect's service_load plugin discovery (KIP-898) finds plugins only through these.
        assertThat(serviceEntries(SourceConnector.class)).contains(DynamoDbStreamsSourceConnector.class.getName());
        assertThat(serviceEntries(Transformation.class)).contains(CdcTransform.class.getName());
    }

    @Test
    void docHoldsTheRepositorysReadmeReferencesAndLicence() throws IOException {
        assertSameBytes("doc/README.md", REPOSITORY.resolve("README.md"));
        assertSameBytes("doc/connector-config.md", REPOSITORY.resolve("docs/connector-config.md"));
        assertSameBytes("doc/transform-config.md", REPOSITORY.resolve("docs/transform-config.md"));
        assertSameBytes("doc/LICENSE", REPOSITORY.resolve("LICENSE"));
    }

    @Test
    void etcHoldsEveryExampleConfig() throws IOException {
        Path examples = REPOSITORY.resolve("config/connect");
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(examples)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = examples.relativize(file).toString().replace('\\', '/');
                expected.add(relative);
                assertSameBytes("etc/" + relative, file);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(files.keySet()).filteredOn(name -> name.startsWith(TOP + "/etc/"))
                .map(name -> name.substring((TOP + "/etc/").length()))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void assertSameBytes(String inArchive, Path inRepository) throws IOException {
        assertThat(files).as("%s in the archive", inArchive).containsKey(TOP + "/" + inArchive);
        assertThat(files.get(TOP + "/" + inArchive)).as("%s == %s", inArchive, inRepository)
                .isEqualTo(Files.readAllBytes(inRepository));
    }

    private static List<String> jarsHolding(Class<?> type) {
        String classFile = type.getName().replace('.', '/') + ".class";
        return libJars.entrySet().stream().filter(jar -> jar.getValue().names().contains(classFile))
                .map(Map.Entry::getKey).toList();
    }

    private static List<String> serviceEntries(Class<?> service) {
        String path = "META-INF/services/" + service.getName();
        return libJars.values().stream().flatMap(contents -> contents.services().getOrDefault(path, "").lines())
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("a JSON array: %s", array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** A jar's entry names, and the text of its service files (all that is read inside a jar). */
    private record JarContents(Set<String> names, Map<String, String> services) {

        static JarContents read(byte[] jar) throws IOException {
            Set<String> names = new TreeSet<>();
            Map<String, String> services = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    names.add(entry.getName());
                    if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
                        services.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return new JarContents(names, services);
        }
    }
}
