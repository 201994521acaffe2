package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kafka finds a stored offset by its partition's bytes, and a key's bytes choose its partition and what
 * compaction keeps: a map whose iteration order a JVM picks at random (as {@code Map.of} does) makes a
 * restarted worker miss its offsets in about half of its starts. {@link ConnectBytesProbe} prints every
 * byte string the connector hands Connect; this runs it here and in fresh JVMs, each of which must print
 * exactly the recorded bytes. Should one map's order be random, each JVM has an even chance to differ,
 * so a regression slips through all of them once in some 64 builds.
 */
class SameBytesInEveryJvmTest {

    private static final int FRESH_JVMS = 5;

    @Test
    void everyJvmWritesTheRecordedBytes() throws Exception {
        List<String> expected = golden();
        assertThat(ConnectBytesProbe.lines()).as("this JVM").containsExactlyElementsOf(expected);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < FRESH_JVMS; i++) {
                runs.add(pool.submit(SameBytesInEveryJvmTest::probeInFreshJvm));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get(3, TimeUnit.MINUTES)).as("fresh JVM %d", i + 1).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRecordedBytesPutStreamBeforeShardAndHashKeyBeforeRangeKey() throws IOException {
        List<String> golden = golden();
        assertThat(golden).filteredOn(line -> line.startsWith("partition ") || line.startsWith("stored "))
                .isNotEmpty().allMatch(line -> line.contains("[\"dynamo-cdc-test\",{\"stream_arn\":\"arn:"));
        // written range key first, keyed hash key first (the table's key schema order), on both reading paths
        assertThat(golden).filteredOn(line -> line.startsWith("key {\"orderid\":{\"S\":\"o-1\"},"))
                .containsExactly("key {\"orderid\":{\"S\":\"o-1\"},\"line\":{\"N\":\"1\"}}",
                        "key {\"orderid\":{\"S\":\"o-1\"},\"line\":{\"N\":\"2\"}}",
                        "key {\"orderid\":{\"S\":\"o-1\"},\"line\":{\"N\":\"1\"}}");
        assertThat(golden).filteredOn(line -> line.startsWith("sdk-key ")).hasSize(3)
                .allMatch(line -> line.startsWith("sdk-key {\"orderid\":"));
        assertThat(golden).filteredOn(line -> line.startsWith("offset ")).hasSize(6)
                .allMatch(line -> line.startsWith("offset {\"sequence_number\":\""));
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = SameBytesInEveryJvmTest.class.getResourceAsStream("/connect-bytes.golden")) {
            assertThat(in).as("connect-bytes.golden on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<String> probeInFreshJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ConnectBytesProbe.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the probe finished").isTrue();
        assertThat(process.exitValue()).as("the probe's exit status").isZero();
        return out.lines().toList();
    }
}
