package io.dynamocdc.cli;

import io.dynamocdc.testkit.DynamoDbEmulator;
import io.dynamocdc.testkit.StreamSettings;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynamo-cdc emulator}: the testkit's DynamoDB + DynamoDB Streams emulator as a process, until
 * Ctrl-C, so any SDK, boto3 or the AWS CLI can be pointed at it.
 */
@Command(name = "emulator",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an in-memory DynamoDB + DynamoDB Streams emulator (AWS's JSON wire protocol) until Ctrl-C.",
            "Point any client at the printed endpoint (any credentials; the region comes from each request).",
            "Test control (clock, shards, faults): POST JSON to <endpoint>/_dynamo-cdc/control."})
final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one. Default: 8000.")
    private int port = 8000;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: 127.0.0.1 (this machine only); 0.0.0.0 for every interface.")
    private String host = "127.0.0.1";

    @Option(names = "--shards", paramLabel = "N", description = "Shards of each new stream. Default: 1.")
    private int shards = 1;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final CountDownLatch stop;
    private final Consumer<URI> onReady;

    EmulatorCommand() {
        this(System.out, System.err, new CountDownLatch(1), endpoint -> { });
    }

    EmulatorCommand(PrintStream stdout, PrintStream stderr, CountDownLatch stop, Consumer<URI> onReady) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.stop = stop;
        this.onReady = onReady;
    }

    @Override
    public Integer call() throws InterruptedException {
        DynamoDbEmulator emulator;
        try {
            emulator = DynamoDbEmulator.builder().host(host).port(port)
                    .streamSettings(StreamSettings.DEFAULT.withInitialShards(shards)).start();
        } catch (RuntimeException e) {
            stderr.println("dynamo-cdc emulator: cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return TransformCommand.USAGE;
        }
        Thread onCtrlC = new Thread(stop::countDown, "dynamo-cdc-emulator-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            stdout.println("dynamo-cdc emulator: listening on " + emulator.endpoint()
                    + " (DynamoDB and DynamoDB Streams; control at " + emulator.endpoint() + "/_dynamo-cdc/control). Ctrl-C stops it.");
            stdout.println("  e.g. aws dynamodb list-tables --endpoint-url " + emulator.endpoint() + " --region us-east-1");
            stdout.flush();
            onReady.accept(emulator.endpoint());
            stop.await();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already stopping, which is what we want.
            }
        }
        return 0;
    }
}
