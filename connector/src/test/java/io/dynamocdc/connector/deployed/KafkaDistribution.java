package io.dynamocdc.connector.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka as users install it: the jars of its release (broker, Connect runtime, log4j2) that the kafka-dist
 * module copies from Maven Central into {@code libs/}, run with this JVM's {@code java} in processes of
 * their own. Nothing of ours is on their class path.
 */
final class KafkaDistribution {

    /** Small heaps, one GC thread and the client compiler: four JVMs share two CPUs in these tests. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private KafkaDistribution() {
    }

    static Path home() {
        Path home = Path.of(System.getProperty("kafka.home", "../kafka-dist/target/kafka"));
        assertThat(home.resolve("libs")).as("Kafka's jars, copied by the kafka-dist module (mvn package)").isDirectory();
        return home;
    }

    /** A Kafka main class in its own JVM, its output appended to {@code log}. */
    static ProcessBuilder java(String mainClass, Path log, List<String> args) {
        Path home = home();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + home.resolve("config/log4j2.properties").toAbsolutePath());
        command.add("-cp");
        command.add(home.resolve("libs").toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The last lines of a log, for a failure message. */
    static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
