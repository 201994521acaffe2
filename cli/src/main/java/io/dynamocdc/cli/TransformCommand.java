package io.dynamocdc.cli;

import io.dynamocdc.transform.InvalidOptionException;
import io.dynamocdc.transform.InvalidRecordException;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dynamo-cdc transform [FILE]}: stream records in (JSON lines, or a document holding
 * {@code Records}), one row per line out, in input order. A bad record is reported on stderr with its
 * line and skipped; the exit status says whether any was bad.
 */
@Command(name = "transform",
        mixinStandardHelpOptions = true,
        description = {
            "Transforms DynamoDB stream records into rows, one JSON object per line on stdout.",
            "Input: JSON lines (one stream record per line), or a JSON document holding \"Records\" "
                    + "(as 'aws dynamodbstreams get-records' and Lambda test events print it).",
            "A bad record is reported on stderr with its line number and skipped; the others still come out.",
            "Exit status: 0 when every record was transformed, 1 when any was bad, 2 on a usage error."})
final class TransformCommand implements Callable<Integer> {

    static final int BAD_RECORDS = 1;
    static final int USAGE = 2;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Input file; stdin when absent or '-'.")
    private Path input;

    @Option(names = "--output-format", paramLabel = "row|envelope",
            description = "Same as the SMT's output.format (Lambda: CDC_OUTPUT_FORMAT). Default: row.")
    private String outputFormat;

    @Option(names = "--row-fields", paramLabel = "NAME:TYPE,...",
            description = "Same as the SMT's row.fields, e.g. orderid:string,quantity:int,price:decimal(10,2).")
    private String rowFields;

    @Option(names = "--metadata-fields", paramLabel = "COLUMN,...",
            description = "Same as the SMT's metadata.fields. Default: cdc_event_type,creation_datetime.")
    private String metadataFields;

    @Option(names = "--delete-handling", paramLabel = "row|drop|tombstone",
            description = "Same as the SMT's delete.handling. Default: row (tombstone prints nothing here, like drop).")
    private String deleteHandling;

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    TransformCommand() {
        this(System.in, System.out, System.err);
    }

    TransformCommand(InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        JsonTransform transform;
        try {
            transform = JsonTransform.create(TransformOptions.parse(options()));
        } catch (InvalidOptionException e) {
            stderr.println("dynamo-cdc transform: " + e.getMessage());
            return USAGE;
        }
        String source = input == null || input.toString().equals("-") ? "stdin" : input.toString();
        Counter counter = new Counter();
        try (InputStream in = source.equals("stdin") ? stdin : Files.newInputStream(input);
             OutputStream out = new BufferedOutputStream(stdout, 1 << 16)) {
            RecordInput.read(in, new RecordInput.Handler() {
                @Override
                public void record(byte[] json, int line) throws IOException {
                    try {
                        byte[] row = transform.transformLine(json).line();
                        if (row != null) {
                            out.write(row);
                        }
                        counter.good++;
                    } catch (InvalidRecordException e) {
                        bad(line, e.getMessage());
                    }
                }

                @Override
                public void bad(int line, String reason) {
                    counter.bad++;
                    stderr.println(source + ":" + line + ": " + reason);
                }
            });
        }
        if (counter.bad > 0) {
            stderr.println("dynamo-cdc transform: " + counter.bad + " of " + (counter.good + counter.bad)
                    + " records were bad and skipped");
            return BAD_RECORDS;
        }
        return 0;
    }

    private Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        putIfSet(options, TransformOptions.OUTPUT_FORMAT, outputFormat);
        putIfSet(options, TransformOptions.ROW_FIELDS, rowFields);
        putIfSet(options, TransformOptions.METADATA_FIELDS, metadataFields);
        putIfSet(options, TransformOptions.DELETE_HANDLING, deleteHandling);
        return options;
    }

    private static void putIfSet(Map<String, String> options, String name, String value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    private static final class Counter {
        long good;
        long bad;
    }
}
