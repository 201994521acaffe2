package io.dynamocdc.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.ANSWER_TIMEOUT;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.FUNCTION_NAME;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.HANDLER;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.RIC_JNI_PROPERTY;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.RIC_MAIN;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.jniLibrary;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.logDirectory;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.runtimeClasspath;
import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.taskRoot;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The RIC in its own JVM, configured like a Lambda execution environment: a clean environment with
 * the runtime's variables, the task root as working directory, only the RIC's jars on the classpath.
 * stdout and stderr go to files under target/ric-it, shown in assertion messages.
 */
final class RicProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private RicProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts the RIC for one test; {@code extraEnvironment} adds to (or overrides) the runtime's
     * variables, e.g. the function's own CDC_* configuration.
     *
     * <p>The JVM options are those of Lambda's java17 runtime (minus its heap sizing, CDS archive and
     * agent): among them {@code --add-opens java.base/java.io} (the RIC needs it to open the telemetry
     * log descriptor), {@code org.crac.Core.Compat} (points org.crac, which our package carries, at the
     * RIC's CRaC implementation) and the RIC's JNI library path.
     */
    static RicProcess start(RuntimeApiStandIn api, String name, Map<String, String> extraEnvironment)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                "-D" + RIC_JNI_PROPERTY + "=" + jniLibrary,
                "-classpath", String.join(File.pathSeparator, runtimeClasspath.stream().map(Path::toString).toList()),
                RIC_MAIN,
                HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear(); // nothing from the build's environment (proxies, JAVA_TOOL_OPTIONS, CDC_*) leaks in
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", HANDLER);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION_NAME);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2025/11/01/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", "ap-south-1");
        env.put("AWS_DEFAULT_REGION", "ap-south-1");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.putAll(extraEnvironment);
        Path out = logDirectory.resolve(name + "-stdout.log");
        Path err = logDirectory.resolve(name + "-stderr.log");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new RicProcess(builder.start(), out, err);
    }

    /** The first thing the RIC posts; fails early, with the logs, if the RIC exits or stays silent. */
    RuntimeApiStandIn.Answer awaitAnswer(RuntimeApiStandIn api) throws Exception {
        try {
            CompletableFuture.anyOf(api.answer(), process.onExit()).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop();
            fail("the RIC answered nothing within %s; runtime API calls: %s%s", ANSWER_TIMEOUT, api.calls(), logs());
        }
        if (!api.answer().isDone()) {
            stop();
            fail("the RIC exited with code %d before answering; runtime API calls: %s%s",
                    process.exitValue(), api.calls(), logs());
        }
        return api.answer().join();
    }

    /**
     * Ends the RIC: it is blocked in its native long poll for the next event and never exits on its own.
     * Its exit code is ignored: a JVM killed in the middle of a libcurl call may die noisily.
     */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, UTF_8);
    }

    byte[] stdoutBytes() throws IOException {
        return Files.readAllBytes(stdout);
    }

    String stderrText() throws IOException {
        return Files.readString(stderr, UTF_8);
    }

    /** Both logs, for assertion messages. */
    String logs() {
        return "\n--- RIC stdout (" + stdout + ") ---\n" + read(stdout)
                + "\n--- RIC stderr (" + stderr + ") ---\n" + read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, UTF_8) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
