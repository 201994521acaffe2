package io.dynamocdc.lambda;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the handler once outside Lambda: {@code java -jar dynamo-cdc-lambda.jar [EVENT.json]} reads a
 * Firehose event (from the file, or stdin), writes the answer to stdout and the log lines to stderr.
 * For trying a configuration on recorded events, and for measuring a cold start as a whole process.
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.err.println("usage: java -jar dynamo-cdc-lambda.jar [EVENT.json]   (stdin when no file; CDC_* variables configure it)");
            System.exit(2);
        }
        byte[] event;
        if (args.length == 1 && !args[0].equals("-")) {
            event = Files.readAllBytes(Path.of(args[0]));
        } else {
            event = System.in.readAllBytes();
        }
        LambdaBridge bridge = LambdaBridge.fromEnvironment(System.getenv(), System.err::println);
        try (InputStream in = new ByteArrayInputStream(event);
             OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            bridge.handle(in, out, null);
            out.write('\n');
        } catch (IllegalStateException | InvalidEventException e) {
            System.err.println("dynamo-cdc-lambda: " + e.getMessage());
            System.exit(1);
        }
    }
}
