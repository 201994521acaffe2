package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core must run with Jackson alone: the Lambda ships it without Kafka or the AWS SDK. */
class CoreIsolationTest {

    private static final Path CORE_SOURCES = Path.of("src/main/java/io/dynamocdc/transform");

    @Test
    void coreSourcesImportNeitherKafkaNorTheAwsSdk() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(CORE_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("org.apache.kafka")
                    .doesNotContain("software.amazon")
                    .doesNotContain("com.amazonaws")
                    .doesNotContain("io.debezium");
        }
    }

    @Test
    void coreTransformsWithOnlyJacksonCoreOnTheClassPath() throws Exception {
        URL classes = Path.of("target/classes").toUri().toURL();
        URL jacksonCore = com.fasterxml.jackson.core.JsonFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, jacksonCore}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("org.apache.kafka.connect.data.Struct"))
                    .isInstanceOf(ClassNotFoundException.class);

            Class<?> options = isolated.loadClass(TransformOptions.class.getName());
            Class<?> transform = isolated.loadClass(JsonTransform.class.getName());
            Object parsed = options.getMethod("parse", Map.class).invoke(null, Map.of());
            Object instance = transform.getMethod("create", options).invoke(null, parsed);
            Method apply = transform.getMethod("apply", byte[].class);

            byte[] row = (byte[]) apply.invoke(instance, (Object) Fixtures.bytes("seed-modify.json"));

            assertThat(new String(row, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"orderid\":\"4821\"");
        }
    }
}
