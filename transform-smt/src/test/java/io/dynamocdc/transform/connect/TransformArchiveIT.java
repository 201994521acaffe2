package io.dynamocdc.transform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.PackageVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive for users who want only the SMT, in Confluent Hub's component layout: one top directory
 * named like the zip, holding manifest.json, lib/ (the transform jar and jackson-core, nothing else)
 * and doc/. Checked against the build (mvn package made it) and the repository's own files.
 */
class TransformArchiveIT {

    private static final String VERSION = System.getProperty("project.version");
    private static final Path ZIP = Path.of(System.getProperty("transform.plugin.zip", "target/missing.zip"));
    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", ".."));
    private static final String TOP = "dynamo-cdc-transform-" + VERSION;
    private static final String TRANSFORM_JAR = "transform-smt-" + VERSION + ".jar";

    /** The archive's files (directories left out), by path inside the archive, in archive order. */
    private static Map<String, byte[]> files;
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
    void holdsOnlyTheManifestLibAndDoc() {
        assertThat(files.keySet()).allMatch(name -> name.equals(TOP + "/manifest.json")
                || name.startsWith(TOP + "/lib/") || name.startsWith(TOP + "/doc/"));
    }

    @Test
    void manifestNamesTheTransformAndTheBuiltVersion() {
        assertThat(manifest.path("name").asText()).isEqualTo("dynamo-cdc-transform");
        assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).contains(CdcTransform.class.getName());
        assertThat(texts(manifest.path("component_types"))).containsExactly("transform");
    }

    @Test
    void manifestFeaturesRequirementsAndOwner() {
        JsonNode features = manifest.path("features");
        assertThat(features.path("single_message_transforms").booleanValue()).isTrue();
        assertThat(features.path("kafka_connect_api").booleanValue()).isTrue();
        assertThat(features.path("confluent_control_center_integration").isBoolean()).isTrue();
        assertThat(features.path("confluent_control_center_integration").booleanValue()).isFalse();
        assertThat(texts(features.path("supported_encodings"))).containsExactly("any");
        assertThat(texts(manifest.path("requirements"))).anyMatch(requirement -> requirement.contains("Kafka"))
                .anyMatch(requirement -> requirement.contains("Java 17"));
        JsonNode owner = manifest.path("owner");
        assertThat(owner.path("username").asText()).isEqualTo("dynamocdc");
        assertThat(owner.path("name").asText()).isEqualTo("dynamo-cdc");
        assertThat(owner.path("type").asText()).isEqualTo("organization");
        assertThat(manifest.path("support").path("provider_name").asText()).isEqualTo("dynamo-cdc");
    }

    @Test
    void manifestLicenceIsApacheAndItsDocumentsAreInTheArchive() {
        assertThat(manifest.path("license")).singleElement()
                .satisfies(licence -> assertThat(licence.path("name").asText()).isEqualTo("Apache License 2.0"));
        assertThat(manifest.path("documentation_url").asText()).isEqualTo("doc/README.md");
        List<String> links = new ArrayList<>();
        links.add(manifest.path("documentation_url").asText());
        manifest.path("license").forEach(licence -> links.add(licence.path("url").asText()));
        for (String link : links) {
            if (URI.create(link).getScheme() == null) {
                assertThat(files).as("%s, named in manifest.json", link).containsKey(TOP + "/" + link);
            }
        }
    }

    @Test
    void manifestHasNoWebAddressesAndWasFiltered() {
        // There is no hosted site: every link points into the archive.
        String text = new String(files.get(TOP + "/manifest.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("http://", "https://", "${");
    }

    @Test
    void libHoldsExactlyTheTransformAndJacksonCore() {
        // connect-api is provided by the worker; jackson-core is the core's only dependency.
        assertThat(files.keySet()).filteredOn(name -> name.endsWith(".jar")).containsExactlyInAnyOrder(
                TOP + "/lib/" + TRANSFORM_JAR, TOP + "/lib/jackson-core-" + PackageVersion.VERSION + ".jar");
    }

    @Test
    void transformJarHoldsTheClassAndNamesItAsAService() throws IOException {
        Map<String, byte[]> jar = jarEntries(files.get(TOP + "/lib/" + TRANSFORM_JAR));
        assertThat(jar).containsKey(CdcTransform.class.getName().replace('.', '/') + ".class");
        String service = "META-INF/services/" + Transformation.class.getName();
        assertThat(jar).containsKey(service);
        assertThat(new String(jar.get(service), StandardCharsets.UTF_8).lines().map(String::strip))
                .contains(CdcTransform.class.getName());
        assertThat(jar.keySet()).noneMatch(name -> name.startsWith("org/apache/kafka/"));
    }

    @Test
    void docHoldsTheRepositorysReadmeReferenceAndLicence() throws IOException {
        assertSameBytes("doc/README.md", REPOSITORY.resolve("README.md"));
        assertSameBytes("doc/transform-config.md", REPOSITORY.resolve("docs/transform-config.md"));
        assertSameBytes("doc/LICENSE", REPOSITORY.resolve("LICENSE"));
        assertThat(files.keySet()).filteredOn(name -> name.startsWith(TOP + "/doc/")).hasSize(3);
    }

    private static void assertSameBytes(String inArchive, Path inRepository) throws IOException {
        assertThat(files).as("%s in the archive", inArchive).containsKey(TOP + "/" + inArchive);
        assertThat(files.get(TOP + "/" + inArchive)).as("%s == %s", inArchive, inRepository)
                .isEqualTo(Files.readAllBytes(inRepository));
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("a JSON array: %s", array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static Map<String, byte[]> jarEntries(byte[] jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
