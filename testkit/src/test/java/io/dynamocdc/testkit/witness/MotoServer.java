package io.dynamocdc.testkit.witness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code moto_server} (moto's stand-alone AWS emulator) as a child process for one test class:
 * register it with {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}.
 *
 * <p>A missing {@code moto_server} fails the class (never skips it): the witness is only worth
 * something if it always runs.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

    static final String INSTALL_HINT = "install moto with: pip install 'moto[server]'";
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private Process process;
    private Path log;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path executable = locate(System.getenv("PATH"));
        port = freePort();
        log = Files.createTempFile("moto_server-", ".log");
        process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process == null) {
            return;
        }
        // moto_server may be a shim that starts python as a child: stop what we started, children first.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        }
        Files.deleteIfExists(log);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Polls the HTTP port until moto answers anything at all; fails early if the process died. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            // Waiting on the process doubles as the pause between polls and notices an early exit.
            if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("moto_server exited with " + process.exitValue() + " before serving on port " + port + ":\n"
                        + logText() + "\n(" + INSTALL_HINT + ")");
            }
        }
        fail("moto_server did not answer on port " + port + " within " + STARTUP + ":\n" + logText());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The moto_server on this search path; a test failure (never a skip) when there is none. */
    static Path locate(String searchPath) {
        return onPath("moto_server", searchPath).orElseGet(() -> fail("moto_server is not on PATH; " + INSTALL_HINT
                + " (the witness tests compare the emulator with moto and must not be skipped)"));
    }

    private static Optional<Path> onPath(String name, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for moto_server", e);
        }
    }
}
