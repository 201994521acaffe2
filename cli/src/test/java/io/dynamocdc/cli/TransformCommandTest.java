package io.dynamocdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TransformCommandTest {

    private static final Path SAMPLE = Path.of("../samples/orders-stream.jsonl");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void jsonLinesFileGivesOneRowPerRecordInOrder() throws IOException {
        int status = run("", SAMPLE.toString());

        assertThat(status).isZero();
        List<String> rows = stdout();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).isEqualTo("{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":2,\"price\":249.99,"
                + "\"cdc_event_type\":\"INSERT\",\"creation_datetime\":\"2025-11-01T00:00:00Z\"}");
        assertThat(rows).extracting(r -> r.replaceAll(".*\"cdc_event_type\":\"(\\w+)\".*", "$1"))
                .containsExactly("INSERT", "INSERT", "MODIFY", "REMOVE", "REMOVE");
        assertThat(rows.get(1)).contains("\"price\":\"12345678901234567890.123456789012345678\"");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void readsStdinWhenNoFileIsGiven() throws IOException {
        int status = run(Files.readString(SAMPLE));

        assertThat(status).isZero();
        assertThat(stdout()).hasSize(5);
    }

    @Test
    void recordsDocumentAsTheAwsCliPrintsIt(@TempDir Path dir) throws IOException {
        List<String> records = Files.readAllLines(SAMPLE);
        String document = "{\n    \"Records\": [\n        " + String.join(",\n        ", records)
                + "\n    ],\n    \"NextShardIterator\": \"arn:aws:dynamodb:...|1|AAAA\"\n}\n";
        Path file = dir.resolve("get-records.json");
        Files.writeString(file, document);

        int status = run("", file.toString());

        assertThat(status).isZero();
        assertThat(stdout()).hasSize(5);
        assertThat(stdout().get(2)).contains("\"cdc_event_type\":\"MODIFY\"");
    }

    @Test
    void aPrettyPrintedSingleRecordIsReadToo() throws IOException {
        String pretty = Files.readAllLines(SAMPLE).get(0).replace(",", ",\n  ");

        assertThat(run(pretty)).isZero();
        assertThat(stdout()).hasSize(1);
    }

    @Test
    void badRecordsAreReportedWithTheirLineAndTheRestStillComeOut() throws IOException {
        List<String> records = Files.readAllLines(SAMPLE);
        String input = String.join("\n", records.get(0),
                records.get(1).replace("{\"N\":\"1\"}", "{\"N\":\"one\"}"),
                "this is not json",
                "",
                records.get(2)) + "\n";

        int status = run(input);

        assertThat(status).isEqualTo(TransformCommand.BAD_RECORDS);
        assertThat(stdout()).hasSize(2);
        assertThat(stdout().get(1)).contains("\"cdc_event_type\":\"MODIFY\"");
        assertThat(stderr()).anySatisfy(line -> assertThat(line).startsWith("stdin:2: ")
                .contains("eventID eccbc87e4b5ce2fe28308fd9f2a7baf3").contains("dynamodb.NewImage.quantity.N").contains("'one' is not a number"));
        assertThat(stderr()).anySatisfy(line -> assertThat(line).startsWith("stdin:3: ").contains("malformed JSON"));
        assertThat(stderr()).last().asString().contains("2 of 4 records were bad");
    }

    @Test
    void badRecordInsideARecordsDocumentNamesItsLine() throws IOException {
        List<String> records = Files.readAllLines(SAMPLE);
        String document = "{\"Records\": [\n" + records.get(0) + ",\n" + records.get(1).replace("\"INSERT\"", "\"UPSERT\"")
                + ",\n" + records.get(2) + "\n]}\n";

        int status = run(document);

        assertThat(status).isEqualTo(TransformCommand.BAD_RECORDS);
        assertThat(stdout()).hasSize(2);
        assertThat(stderr()).first().asString().startsWith("stdin:3: ").contains("unknown eventName 'UPSERT'");
    }

    @Test
    void optionsMirrorTheSmt() throws IOException {
        int status = run("", "--row-fields", "orderid:int,price:decimal(30,2)", "--metadata-fields", "cdc_event_type,cdc_ttl_delete",
                "--delete-handling", "drop", SAMPLE.toString());

        assertThat(status).isEqualTo(TransformCommand.BAD_RECORDS);
        assertThat(stdout()).containsExactly(
                "{\"orderid\":4821,\"price\":249.99,\"cdc_event_type\":\"INSERT\",\"cdc_ttl_delete\":false}",
                "{\"orderid\":4821,\"price\":249.99,\"cdc_event_type\":\"MODIFY\",\"cdc_ttl_delete\":false}");
        assertThat(stderr()).first().asString().contains("samples/orders-stream.jsonl:2:")
                .contains("does not fit decimal(30,2)");
    }

    @Test
    void envelopeOutput() throws IOException {
        assertThat(run("", "--output-format", "envelope", SAMPLE.toString())).isZero();

        assertThat(stdout()).extracting(r -> r.replaceAll(".*\"op\":\"(\\w)\".*", "$1")).containsExactly("c", "c", "u", "d", "d");
    }

    @Test
    void aBadOptionIsAUsageErrorNamingIt() throws IOException {
        int status = run("", "--output-format", "xml", SAMPLE.toString());

        assertThat(status).isEqualTo(TransformCommand.USAGE);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).first().asString().contains("output.format").contains("expected one of row, envelope");
    }

    @Test
    void topLevelHelpListsTheCommands() {
        StringWriterStream help = new StringWriterStream();
        CommandLine line = new CommandLine(new DynamoCdc());
        line.setOut(new java.io.PrintWriter(help, true));

        assertThat(line.execute("--help")).isZero();
        assertThat(help.text()).contains("transform");
    }

    private int run(String stdin, String... args) {
        TransformCommand command = new TransformCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> stderr() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Collects what picocli prints. */
    private static final class StringWriterStream extends java.io.Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        String text() {
            return text.toString();
        }
    }
}
