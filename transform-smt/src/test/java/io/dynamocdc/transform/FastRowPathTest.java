package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path's contract: whenever it answers, its bytes (and facts) are those of the parser and writer;
 * whenever the parser refuses a record, it declines; and the public calls ({@code transformLine},
 * {@code apply}) give what {@code parse} + {@code toJsonLine}/{@code toJson} gave, bytes or exception.
 */
class FastRowPathTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final List<MetadataField> FAST_METADATA = Arrays.stream(MetadataField.values())
            .filter(field -> field != MetadataField.OLD_IMAGE).toList();
    private static final String ALL_FAST_METADATA = String.join(",", FAST_METADATA.stream().map(MetadataField::column).toList());
    private static final String SEED = Fixtures.text("seed-modify.json");

    // ------------------------------------------------------------------------------------------ the contract

    /** What one way of transforming gave: bytes ({@code null}: dropped) and facts, or the failure. */
    record Outcome(String text, String failure, Operation operation, long micros, String table, String region) {

        static Outcome of(byte[] bytes, ChangeFacts facts) {
            return new Outcome(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), null,
                    facts == null ? null : facts.operation(), facts == null ? 0 : facts.creationTimeMicros(),
                    facts == null ? null : facts.tableName(), facts == null ? null : facts.awsRegion());
        }

        static Outcome of(Supplier<Outcome> call) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage(), null, 0, null, null);
            }
        }

        Outcome withoutFacts() {
            return new Outcome(text, failure, null, 0, null, null);
        }
    }

    /**
     * Checks the contract on one record under one set of options.
     *
     * @return true when the fast path answered
     */
    static boolean checkContract(TransformOptions options, byte[] record) {
        JsonTransform transform = JsonTransform.create(options, CLOCK);
        Outcome line = Outcome.of(() -> {
            ChangeEvent event = transform.parse(record);
            return Outcome.of(transform.toJsonLine(event), event);
        });
        Outcome row = Outcome.of(() -> Outcome.of(transform.toJson(transform.parse(record)), null));
        String about = "options " + options + ", record " + printable(record);

        boolean answered = false;
        FastRowPath fast = FastRowPath.forOptions(options, true);
        if (fast != null) {
            TransformedLine fastLine = fast.transformLine(record, 0, record.length);
            byte[] fastRow = fast.apply(record, 0, record.length);
            answered = fastLine != null;
            assertThat(fastRow == FastRowPath.DECLINED).as("apply and transformLine decline alike: " + about).isEqualTo(!answered);
            if (answered) {
                if (line.failure() != null) {
                    fail("the fast path answered where the parser refuses (" + line.failure() + "): " + about);
                }
                assertThat(Outcome.of(fastLine.line(), fastLine)).as(about).isEqualTo(line);
                assertThat(Outcome.of(fastRow, null)).as(about).isEqualTo(row);
            }
        }

        // The public calls: the same bytes, facts or exception as before the fast path.
        assertThat(Outcome.of(() -> {
            TransformedLine result = transform.transformLine(record);
            return Outcome.of(result.line(), result);
        })).as(about).isEqualTo(line);
        byte[] padded = new byte[record.length + 7];
        Arrays.fill(padded, (byte) '}');
        System.arraycopy(record, 0, padded, 3, record.length);
        assertThat(Outcome.of(() -> {
            TransformedLine result = transform.transformLine(padded, 3, record.length);
            return Outcome.of(result.line(), result);
        })).as("at an offset: " + about).isEqualTo(line);
        assertThat(Outcome.of(() -> Outcome.of(transform.apply(record), null))).as(about).isEqualTo(row);
        return answered;
    }

    private static String printable(byte[] record) {
        String text = new String(record, StandardCharsets.UTF_8);
        return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
    }

    private static TransformOptions options(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return TransformOptions.parse(values);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ properties

    @Property(tries = 1200)
    void whenTheFastPathAnswersItWritesTheSlowPathsBytes(@ForAll("anySpecs") Spec spec, @ForAll("fastOptions") TransformOptions options) {
        boolean answered = checkContract(options, utf8(spec.render()));

        Statistics.label("fast path").collect(answered ? "answers" : "declines")
                .coverage(coverage -> coverage.check("answers").percentage(p -> p >= 40));
    }

    @Property(tries = 500)
    void plainAsciiRecordsAlwaysGetTheFastPath(@ForAll("plainSpecs") Spec spec, @ForAll("fastOptions") TransformOptions options) {
        byte[] record = utf8(spec.render());

        assertThat(checkContract(options, record)).as("fast path answers " + printable(record)).isTrue();
    }

    @Property(tries = 2000)
    void corruptedRecordsAreDeclinedWheneverTheParserRefusesThem(@ForAll("anySpecs") Spec spec,
                                                                 @ForAll("corruptions") Corruption corruption,
                                                                 @ForAll("fastOptions") TransformOptions options,
                                                                 @ForAll long seed) {
        byte[] record = corruption.apply(spec, new Random(seed));
        boolean refused = Outcome.of(() -> {
            JsonTransform.create(options).parse(record);
            return null;
        }) != null;

        boolean answered = checkContract(options, record);

        Statistics.label("parser").collect(refused ? "refuses" : "accepts")
                .coverage(coverage -> coverage.check("refuses").percentage(p -> p >= 50));
        Statistics.label("fast path on accepted").collect(refused ? "-" : answered ? "answers" : "declines");
    }

    @Property(tries = 300)
    void optionsOutOfScopeNeverTakeTheFastPathAndKeepTheirBytes(@ForAll("plainSpecs") Spec spec,
                                                               @ForAll("slowOnlyOptions") TransformOptions options) {
        assertThat(FastRowPath.forOptions(options)).isNull();
        assertThat(checkContract(options, utf8(spec.render()))).isFalse();
    }

    @Property(tries = 1000)
    void everyNumberIsWrittenAsThePlainValue(@ForAll("numbers") String number, @ForAll boolean negative) {
        String n = negative && !number.startsWith("-") ? "-" + number : number;
        String record = SEED.replace("{\"N\":\"3\"}", "{\"N\":\"" + n + "\"}")
                .replace("\"price\":{\"N\":\"249.99\"}},\"OldImage\"", "\"price\":{\"NS\":[\"" + n + "\",\"" + number + "\"]}},\"OldImage\"");

        boolean answered = checkContract(options("metadata.fields", ""), utf8(record));

        assertThat(answered || number.equals(HUGE_EXPONENT)).as(n).isTrue();
    }

    /**
     * The fast path copies a decimal of one or two fraction digits below 10^6 (last digit not zero) as the row's
     * number without asking Double.toString, also before JDK 19: checked for all 99,000,000 of them once (on
     * JDK 17.0.15 and 25); here a ninth of them up to 100,000 and a spread above, on the JDK running the tests.
     */
    @Test
    void decimalsOfUpToTwoFractionDigitsSpellThemselves() {
        Random random = new Random(7);
        for (int i = 0; i < 1_200_000; i++) {
            long hundredths = i < 1_000_000 ? 10L * i + 1 + i % 9 : 1 + (long) (random.nextDouble() * 99_999_999L);
            if (hundredths % 10 == 0) {
                continue;
            }
            String text = java.math.BigDecimal.valueOf(hundredths, 2).toPlainString();
            assertThat(Double.toString(hundredths / 100.0)).isEqualTo(text);
            assertThat(Double.toString(-hundredths / 100.0)).isEqualTo("-" + text);
        }
        for (long tenths = 1; tenths < 1_000_000; tenths += 7) {
            if (tenths % 10 != 0) {
                assertThat(Double.toString(tenths / 10.0)).isEqualTo(java.math.BigDecimal.valueOf(tenths, 1).toPlainString());
                assertThat(Double.toString(-tenths / 10.0)).isEqualTo("-" + java.math.BigDecimal.valueOf(tenths, 1).toPlainString());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ fixtures and samples

    @Test
    void samplesOfTheOrdersStreamTakeTheFastPath() throws Exception {
        List<String> records = Files.readAllLines(Path.of("../samples/orders-stream.jsonl"));
        assertThat(records).isNotEmpty();
        for (TransformOptions options : List.of(TransformOptions.defaults(), options("metadata.fields", ALL_FAST_METADATA),
                options("metadata.fields", "", "delete.handling", "drop"), options("delete.handling", "tombstone",
                        "metadata.fields", "cdc_ttl_delete,cdc_table,cdc_region,cdc_event_id,cdc_sequence_number"))) {
            for (String record : records) {
                assertThat(checkContract(options, utf8(record))).as(record).isTrue();
            }
        }
    }

    @Test
    void seedRecordGivesTheSeedRow() {
        TransformedLine line = JsonTransform.create(TransformOptions.defaults()).transformLine(utf8(SEED));

        assertThat(new String(line.line(), StandardCharsets.UTF_8)).isEqualTo("{\"orderid\":\"4821\",\"product_name\":\"Laptop\","
                + "\"quantity\":3,\"price\":249.99,\"cdc_event_type\":\"MODIFY\",\"creation_datetime\":\"2025-11-01T00:00:05Z\"}\n");
        assertThat(line.operation()).isEqualTo(Operation.MODIFY);
        assertThat(line.creationTimeMicros()).isEqualTo(1_761_955_205_000_000L);
        assertThat(line.tableName()).isEqualTo("OrdersRawTable");
        assertThat(line.awsRegion()).isEqualTo("ap-south-1");
        assertThat(line.isDropped()).isFalse();
        assertThat(checkContract(TransformOptions.defaults(), utf8(SEED))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-modify.json", "keys-only-remove.json"})
    void recordFixturesInScopeTakeTheFastPath(String fixture) {
        for (TransformOptions options : List.of(TransformOptions.defaults(), options("metadata.fields", ALL_FAST_METADATA),
                options("delete.handling", "drop"), options("metadata.fields", "creation_datetime,cdc_ttl_delete,cdc_event_type"))) {
            assertThat(checkContract(options, Fixtures.bytes(fixture))).as(fixture + " " + options).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-types.json", "kinesis-micros.json", "kinesis-millis.json"})
    void recordFixturesOutOfScopeAreDeclinedAndKeepTheirBytes(String fixture) {
        // all-types: a fractional time, non-ASCII and escaped text; kinesis-*: Kinesis-shaped.
        for (TransformOptions options : List.of(TransformOptions.defaults(), options("metadata.fields", ALL_FAST_METADATA),
                options("delete.handling", "drop"))) {
            assertThat(checkContract(options, Fixtures.bytes(fixture))).as(fixture + " " + options).isFalse();
        }
    }

    @Test
    void everyTypeWithAsciiTextTakesTheFastPath() {
        String record = Fixtures.text("all-types.json")
                .replace("1.7000000005E9", "1700000000")
                .replace("\"Zoë \\\"Z\\\" 🚀\"", "\"Zoe Z ~/<>&' \u007f\"");

        for (TransformOptions options : List.of(TransformOptions.defaults(), options("metadata.fields", ALL_FAST_METADATA))) {
            assertThat(checkContract(options, utf8(record))).as(record).isTrue();
        }
        assertThat(new String(JsonTransform.create(options("metadata.fields", "")).apply(utf8(record)), StandardCharsets.UTF_8))
                .isEqualTo("{\"pk\":\"user#1\",\"sk\":42,\"name\":\"Zoe Z ~/<>&' \u007f\","
                        + "\"balance\":\"-12345678901234567890.123456789012345678\",\"photo\":\"aGVsbG8=\",\"active\":true,"
                        + "\"nothing\":null,\"address\":{\"city\":\"Pune\",\"zip\":411001,\"geo\":[18.52,73.85]},"
                        + "\"history\":[\"a\",1000,false,null,{},[]],\"tags\":[\"new\",\"vip\"],\"scores\":[1,2.5,0],"
                        + "\"blobs\":[\"AQID\",\"BAUG\"]}");
    }

    @Test
    void droppedRemoveStillHasItsFacts() {
        String record = "{\"eventID\":\"t1\",\"eventName\":\"REMOVE\",\"awsRegion\":\"eu-west-1\",\"userIdentity\":{\"type\":\"Service\","
                + "\"principalId\":\"dynamodb.amazonaws.com\"},\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000,"
                + "\"Keys\":{\"pk\":{\"S\":\"a\"}},\"OldImage\":{\"pk\":{\"S\":\"a\"},\"ttl\":{\"N\":\"1699999999\"}}},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:1:table/Sessions/stream/x\"}";

        TransformedLine dropped = JsonTransform.create(options("delete.handling", "drop")).transformLine(utf8(record));
        TransformedLine kept = JsonTransform.create(options("metadata.fields", "cdc_ttl_delete,cdc_table")).transformLine(utf8(record));

        assertThat(dropped.isDropped()).isTrue();
        assertThat(dropped.line()).isNull();
        assertThat(dropped.operation()).isEqualTo(Operation.REMOVE);
        assertThat(dropped.tableName()).isEqualTo("Sessions");
        assertThat(dropped.awsRegion()).isEqualTo("eu-west-1");
        assertThat(dropped.creationTimeMicros()).isEqualTo(1_700_000_000_000_000L);
        assertThat(new String(kept.line(), StandardCharsets.UTF_8))
                .isEqualTo("{\"pk\":\"a\",\"ttl\":1699999999,\"cdc_ttl_delete\":true,\"cdc_table\":\"Sessions\"}\n");
        assertThat(checkContract(options("delete.handling", "drop"), utf8(record))).isTrue();
        assertThat(checkContract(options("metadata.fields", "cdc_ttl_delete,cdc_table"), utf8(record))).isTrue();
    }

    @Test
    void malformedRecordTestCasesAreDeclinedWithTheSameMessages() {
        // The edits of MalformedRecordTest, and a few more, each refused by the parser.
        String[][] edits = {
            {"{\"N\":\"3\"}", "{\"N\":\"abc\"}"}, {"{\"N\":\"3\"}", "{\"N\":[3]}"}, {"{\"S\":\"Laptop\"}", "{\"S\":5}"},
            {"{\"N\":\"3\"}", "{\"X\":\"3\"}"}, {"{\"N\":\"3\"}", "{\"N\":\"3\",\"S\":\"3\"}"}, {"{\"N\":\"3\"}", "{}"},
            {"{\"N\":\"3\"}", "3"}, {"{\"N\":\"3\"}", "{\"B\":\"not base64!\"}"}, {"{\"N\":\"3\"}", "{\"NULL\":false}"},
            {"{\"N\":\"3\"}", "{\"BOOL\":\"yes\"}"}, {"{\"N\":\"3\"}", "{\"NS\":[\"1\",\"x\"]}"},
            {"{\"N\":\"3\"}", "{\"L\":[{\"S\":\"a\"},{\"M\":{\"z\":{\"N\":\"NaN\"}}}]}"},
            {"\"quantity\":{\"N\":\"3\"}", "\"quantity\":{\"N\":\"3\"},\"quantity\":{\"N\":\"4\"}"},
            {"\"eventName\":\"MODIFY\"", "\"eventName\":\"UPSERT\""}, {"\"eventName\":\"MODIFY\",", ""},
            {"\"Keys\":{\"orderid\":{\"S\":\"4821\"}},", ""}, {"\"ApproximateCreationDateTime\":1761955205,", ""},
            {"1761955205", "1761955205000"}, {"1761955205", "\"yesterday\""}, {"\"dynamodb\":{", "\"dynamodb\":\"x\",\"ignored\":{"},
            {"\"Keys\":{\"orderid\":{\"S\":\"4821\"}}", "\"Keys\":[]"}, {"\"SizeBytes\":142", "\"SizeBytes\":\"142\""},
            {"\"Keys\":{\"orderid\":{\"S\":\"4821\"}}", "\"Keys\":{}"}, {"\"Keys\":{\"orderid\":{\"S\":\"4821\"}}", "\"Keys\":null"},
            {"\"OldImage\":{\"orderid\":{\"S\":\"4821\"}", "\"OldImage\":{\"orderid\":{\"S\":\"4821\"},\"orderid\":{\"S\":\"4821\"}"},
            {"{\"N\":\"2\"}", "{\"N\":\"2x\"}"}, {"{\"N\":\"2\"}", "{\"B\":\"QQ=\"}"}, {"\"SizeBytes\":142", "\"SizeBytes\":1.5"},
            {"\"SizeBytes\":142", "\"SizeBytes\":123456789012345678901234567890"},
            {"\"awsRegion\":\"ap-south-1\"", "\"awsRegion\":5"}, {"\"eventSource\":\"aws:dynamodb\"", "\"eventSource\":{}"},
            {"\"eventName\":\"MODIFY\"", "\"eventName\":\"MODIFY\",\"userIdentity\":[]"},
            {"\"eventName\":\"MODIFY\"", "\"eventName\":\"MODIFY\",\"userIdentity\":{\"type\":1}"},
            {"\"SizeBytes\":142", "\"SizeBytes\":142,"}, {"\"StreamViewType\"", "\"StreamViewType\" "},
        };
        for (String[] edit : edits) {
            String record = SEED.replace(edit[0], edit[1]);
            assertThat(record).as(edit[0]).isNotEqualTo(SEED);
            JsonTransform transform = JsonTransform.create(TransformOptions.defaults());
            boolean refused = Outcome.of(() -> {
                transform.parse(utf8(record));
                return null;
            }) != null;
            assertThat(refused || edit[1].endsWith(" ")).as("the parser refuses " + record).isTrue();
            assertThat(checkContract(TransformOptions.defaults(), utf8(record))).isEqualTo(!refused);
        }
        for (int cut = 0; cut < SEED.length(); cut++) {
            assertThat(checkContract(TransformOptions.defaults(), utf8(SEED.substring(0, cut)))).isFalse();
        }
        for (String garbage : List.of(" {}", "x", ",", "}", "\u0000", "[]", " \"\"")) {
            assertThat(checkContract(TransformOptions.defaults(), utf8(SEED + garbage))).as(garbage).isFalse();
        }
        assertThat(checkContract(TransformOptions.defaults(), utf8(" \r\n\t" + SEED + "\n \t\r"))).isTrue();
    }

    @Test
    void declinedCases() {
        TransformOptions defaults = TransformOptions.defaults();
        List<String> valid = List.of(
                SEED.replace("Laptop", "Lapt\\u006fp"), // an escape
                SEED.replace("Laptop", "Laptöp"), // not ASCII
                SEED.replace("1761955205", "1761955205.5"), // a fraction
                SEED.replace("1761955205", "1.761955205E9"),
                SEED.replace("1761955205", "\"2025-11-01T00:00:05Z\""),
                SEED.replace("\"awsRegion\"", "\"tableName\":\"OrdersRawTable\",\"awsRegion\""), // Kinesis-shaped
                SEED.replace("\"awsRegion\"", "\"eventVersion\":\"1.1\",\"awsRegion\""), // a known field twice
                SEED.replace("{\"N\":\"3\"}", "{\"N\":3}"), // a bare number
                SEED.replace("{\"N\":\"3\"}", "{\"N\":\"+3\"}"), // the parser re-spells it
                SEED.replace("Laptop", "L".repeat(FastRowPath.MAX_STRING_BYTES + 1)),
                SEED.replace("{\"N\":\"3\"}", "{\"L\":[".repeat(FastRowPath.MAX_ATTRIBUTE_DEPTH + 1) + "]}".repeat(FastRowPath.MAX_ATTRIBUTE_DEPTH + 1)),
                SEED.replace("\"eventVersion\"", "\"x\":" + "[".repeat(20) + "]".repeat(20) + ",\"eventVersion\""),
                SEED.replace("\"price\":{\"N\":\"249.99\"}},\"Old", manyAttributes(FastRowPath.MAX_NAMES) + "},\"Old"));
        for (String record : valid) {
            assertThat(checkContract(defaults, utf8(record))).as(record).isFalse();
            assertThat(JsonTransform.create(defaults).transformLine(utf8(record)).line()).isNotNull();
        }
        assertThat(checkContract(options("metadata.fields", "cdc_event_type"),
                utf8(SEED.replace("\"price\":{\"N\":\"249.99\"}},", "\"price\":{\"N\":\"249.99\"},\"cdc_event_type\":{\"S\":\"x\"}},")))).isFalse();
        // The same name where the row does not show it (a MODIFY's old image) is no error.
        assertThat(checkContract(options("metadata.fields", "cdc_event_type"),
                utf8(SEED.replace("\"price\":{\"N\":\"249.99\"}},\"Seq", "\"price\":{\"N\":\"249.99\"},\"cdc_event_type\":{\"S\":\"x\"}},\"Seq")))).isTrue();
        // Just inside the limits.
        assertThat(checkContract(defaults, utf8(SEED.replace("Laptop", "L".repeat(FastRowPath.MAX_STRING_BYTES))))).isTrue();
        assertThat(checkContract(defaults, utf8(SEED.replace("\"price\":{\"N\":\"249.99\"}},\"Old", manyAttributes(200) + "},\"Old")))).isTrue();
        int depth = FastRowPath.MAX_ATTRIBUTE_DEPTH;
        assertThat(checkContract(defaults, utf8(SEED.replace("{\"N\":\"3\"}", "{\"L\":[".repeat(depth) + "]}".repeat(depth))))).isTrue();
    }

    private static String manyAttributes(int count) {
        StringBuilder attributes = new StringBuilder("\"price\":{\"N\":\"249.99\"}");
        for (int i = 0; i < count; i++) {
            attributes.append(",\"a").append(i).append("\":{\"N\":\"").append(i).append("\"}");
        }
        return attributes.toString();
    }

    @Test
    void outOfScopeOptions() {
        assertThat(FastRowPath.forOptions(TransformOptions.defaults())).isNotNull();
        assertThat(FastRowPath.forOptions(options("metadata.fields", ALL_FAST_METADATA, "delete.handling", "tombstone"))).isNotNull();
        for (TransformOptions options : List.of(options("output.format", "envelope"), options("row.fields", "orderid:string"),
                options("metadata.fields", "cdc_event_type,cdc_old_image"))) {
            assertThat(FastRowPath.forOptions(options)).as(options.toString()).isNull();
            assertThat(checkContract(options, utf8(SEED))).isFalse();
        }
    }

    @Test
    void threadsDoNotShareScanState() throws Exception {
        JsonTransform transform = JsonTransform.create(options("metadata.fields", ALL_FAST_METADATA));
        List<byte[]> records = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String record = SEED.replace("4821", Integer.toString(i * 7919)).replace("Laptop", "x".repeat(i * 13))
                    .replace("ap-south-1", "region-" + (i % 3)).replace("OrdersRawTable", "T" + (i % 5));
            records.add(utf8(record));
            ChangeEvent event = transform.parse(utf8(record));
            expected.add(new String(transform.toJsonLine(event), StandardCharsets.UTF_8) + event.tableName() + event.awsRegion());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(threads.submit(() -> {
                    for (int n = 0; n < 3000; n++) {
                        int i = (n * 31 + offset) % records.size();
                        TransformedLine line = transform.transformLine(records.get(i));
                        String got = new String(line.line(), StandardCharsets.UTF_8) + line.tableName() + line.awsRegion();
                        if (!got.equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ records

    /** The parts of one generated DynamoDB Streams record, each as raw JSON ({@code null}: the field is absent). */
    record Spec(String eventId, String eventName, String region, String arn, String userIdentity, String time,
                String keys, String newImage, String oldImage, String sequence, String sizeBytes, String viewType,
                List<String> extraTop, List<String> extraDynamodb, long layout) {

        static final String ABSENT = "<absent>";

        String render() {
            return render(Map.of(), Map.of(), List.of(), List.of());
        }

        /**
         * @param top      known top-level fields to replace ({@link #ABSENT}: leave out)
         * @param dynamodb the same inside {@code dynamodb}
         * @param moreTop  further raw {@code "name":value} members
         */
        String render(Map<String, String> top, Map<String, String> dynamodb, List<String> moreTop, List<String> moreDynamodb) {
            Random random = new Random(layout);
            Map<String, String> inner = new LinkedHashMap<>();
            inner.put("ApproximateCreationDateTime", time);
            inner.put("Keys", keys);
            inner.put("NewImage", newImage);
            inner.put("OldImage", oldImage);
            inner.put("SequenceNumber", sequence);
            inner.put("SizeBytes", sizeBytes);
            inner.put("StreamViewType", viewType);
            List<String> innerMembers = members(inner, dynamodb, extraDynamodb, moreDynamodb, random);

            Map<String, String> outer = new LinkedHashMap<>();
            outer.put("eventID", eventId);
            outer.put("eventName", eventName);
            outer.put("eventVersion", "\"1.1\"");
            outer.put("eventSource", "\"aws:dynamodb\"");
            outer.put("awsRegion", region);
            outer.put("dynamodb", "{" + String.join(",", innerMembers) + "}");
            outer.put("eventSourceARN", arn);
            outer.put("userIdentity", userIdentity);
            String json = "{" + String.join(",", members(outer, top, extraTop, moreTop, random)) + "}";
            return layout % 4 == 1 ? spaced(json, random) : json;
        }

        private List<String> members(Map<String, String> known, Map<String, String> replace, List<String> extra, List<String> more,
                                     Random random) {
            Map<String, String> fields = new LinkedHashMap<>(known);
            fields.putAll(replace);
            List<String> members = new ArrayList<>();
            fields.forEach((name, value) -> {
                if (value != null && !value.equals(ABSENT)) {
                    members.add("\"" + name + "\":" + value);
                }
            });
            members.addAll(extra);
            if (layout % 3 == 0) {
                Collections.shuffle(members, random);
            }
            for (String member : more) {
                members.add(random.nextInt(members.size() + 1), member);
            }
            return members;
        }
    }

    /** Whitespace of every kind JSON allows, between the tokens of {@code json}. */
    static String spaced(String json, Random random) {
        String[] blanks = {" ", "\n", "\t", "\r\n  ", "  "};
        StringBuilder out = new StringBuilder(blanks[random.nextInt(blanks.length)]);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if ((c == '}' || c == ']') && random.nextBoolean()) {
                out.append(blanks[random.nextInt(blanks.length)]);
            }
            out.append(c);
            if (c == '"') {
                inString = true;
            } else if ((c == '{' || c == '[' || c == ',' || c == ':') && random.nextBoolean()) {
                out.append(blanks[random.nextInt(blanks.length)]);
            }
        }
        return out.append(blanks[random.nextInt(blanks.length)]).toString();
    }

    /** Half plain, half with any text (which mostly declines). */
    @Provide
    Arbitrary<Spec> anySpecs() {
        return Arbitraries.oneOf(specs(false), specs(true));
    }

    @Provide
    Arbitrary<Spec> plainSpecs() {
        return specs(true);
    }

    /** {@code plain}: only what the fast path takes (ASCII text without escapes, integer times, no name clashes). */
    private Arbitrary<Spec> specs(boolean plain) {
        Arbitrary<String> text = plain ? plainText(24) : anyText(24);
        Arbitrary<String> names = names(plain);
        Arbitrary<LinkedHashMap<String, String>> items = Arbitraries.maps(names, value(4, text, names, plain)).ofMaxSize(8)
                .map(LinkedHashMap::new);
        Arbitrary<String> keyValue = Arbitraries.oneOf(text.map(s -> "{\"S\":" + quote(s) + "}"),
                numbers(plain).map(n -> "{\"N\":\"" + n + "\"}"), base64().map(b -> "{\"B\":\"" + b + "\"}"));
        Arbitrary<LinkedHashMap<String, String>> keys = Arbitraries.maps(
                        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("pk", "sk", "orderid")), Tuple.of(1, names)), keyValue)
                .ofMinSize(1).ofMaxSize(2).map(LinkedHashMap::new);
        Arbitrary<String> eventName = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("\"INSERT\"")),
                Tuple.of(4, Arbitraries.just("\"MODIFY\"")), Tuple.of(3, Arbitraries.just("\"REMOVE\"")), Tuple.of(1, Arbitraries.just("\"READ\"")));
        Arbitrary<Integer> imageMode = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2)); // object, absent, null
        Arbitrary<String> userIdentity = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Spec.ABSENT)),
                Tuple.of(3, Arbitraries.just("{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}")),
                Tuple.of(1, Arbitraries.of("null", "{}", "{\"principalId\":\"dynamodb.amazonaws.com\",\"type\":\"Service\"}",
                        "{\"type\":\"Service\",\"principalId\":\"someone\"}", "{\"type\":\"User\",\"principalId\":\"dynamodb.amazonaws.com\"}",
                        "{\"type\":null,\"principalId\":null,\"x\":[1,2,{\"y\":\"z\"}]}",
                        "{\"type\":\"Service\",\"extra\":{\"a\":[]},\"principalId\":\"dynamodb.amazonaws.com\"}")));
        Arbitrary<String> time = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(1_761_955_200L, 1_771_955_200L).map(Object::toString)),
                Tuple.of(2, Arbitraries.longs().between(0, 99_999_999_999L).map(Object::toString)),
                Tuple.of(1, Arbitraries.of("0", "99999999999", "951782400", "4107542400")));
        Arbitrary<String> region = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("\"ap-south-1\"", "\"us-east-1\"")),
                Tuple.of(1, Arbitraries.of(Spec.ABSENT, "null")), Tuple.of(1, text.map(FastRowPathTest::quote)));
        Arbitrary<String> table = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of("OrdersRawTable", "Users")),
                Tuple.of(1, text.filter(t -> !t.contains("\\") && !t.contains("\""))));
        Arbitrary<String> arn = Arbitraries.frequencyOf(
                Tuple.of(6, table.map(t -> quote("arn:aws:dynamodb:ap-south-1:123456789012:table/" + t + "/stream/2025-10-01T00:00:00.000"))),
                Tuple.of(1, table.map(t -> quote("arn:aws:dynamodb:ap-south-1:1:table/" + t))),
                Tuple.of(1, Arbitraries.of(Spec.ABSENT, "null", "\"no table here\"", "\"x:table/\"", "\"a:table/b/c:table/d\"", "\"\"")));
        Arbitrary<String> eventId = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)
                .map(FastRowPathTest::quote)), Tuple.of(1, Arbitraries.of(Spec.ABSENT, "null")), Tuple.of(1, text.map(FastRowPathTest::quote)));
        Arbitrary<String> sequence = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30)
                .map(FastRowPathTest::quote)), Tuple.of(1, Arbitraries.of(Spec.ABSENT, "null")));
        Arbitrary<String> sizeBytes = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 400_000).map(Object::toString)),
                Tuple.of(1, Arbitraries.of(Spec.ABSENT, "null", "-1", "-0", "123456789012345678")));
        Arbitrary<String> viewType = Arbitraries.of("\"NEW_AND_OLD_IMAGES\"", "\"NEW_IMAGE\"", "\"KEYS_ONLY\"", Spec.ABSENT, "null");
        Arbitrary<List<String>> extraTop = unknownMembers(text, plain, List.of("eventVersionX", "Records", "tableNam", "dynamodb2"));
        Arbitrary<List<String>> extraDynamodb = unknownMembers(text, plain, List.of("ApproximateCreationDateTimePrecisio", "Key", "keys", "newImage"))
                .flatMap(members -> Arbitraries.of("", "\"ApproximateCreationDateTimePrecision\":\"MILLISECOND\"",
                        "\"ApproximateCreationDateTimePrecision\":null").map(precision -> {
                            List<String> all = new ArrayList<>(members);
                            if (!precision.isEmpty()) {
                                all.add(precision);
                            }
                            return all;
                        }));

        Arbitrary<String[]> facts = Combinators.combine(eventId, eventName, region, arn, userIdentity, time, sequence, sizeBytes)
                .as((a, b, c, d, e, f, g, h) -> new String[] {a, b, c, d, e, f, g, h});
        Arbitrary<Object[]> images = Combinators.combine(keys, items, items, imageMode, imageMode, Arbitraries.longs())
                .as((k, n, o, newMode, oldMode, seed) -> new Object[] {k, n, o, newMode, oldMode, seed});
        return Combinators.combine(facts, images, viewType, extraTop, extraDynamodb, Arbitraries.longs())
                .as((f, i, view, top, inner, layout) -> {
                    @SuppressWarnings("unchecked")
                    LinkedHashMap<String, String> k = (LinkedHashMap<String, String>) i[0];
                    @SuppressWarnings("unchecked")
                    LinkedHashMap<String, String> n = (LinkedHashMap<String, String>) i[1];
                    @SuppressWarnings("unchecked")
                    LinkedHashMap<String, String> o = (LinkedHashMap<String, String>) i[2];
                    Random random = new Random((Long) i[5]);
                    return new Spec(f[0], f[1], f[2], f[3], f[4], f[5], object(k),
                            image(k, n, (Integer) i[3], random), image(k, o, (Integer) i[4], random),
                            f[6], f[7], view, top, inner, layout);
                });
    }

    /** An image holding, most of the time, the key's attributes too: at some place, with the key's or another value. */
    private static String image(Map<String, String> keys, LinkedHashMap<String, String> attributes, int mode, Random random) {
        if (mode == 1) {
            return Spec.ABSENT;
        }
        if (mode == 2) {
            return "null";
        }
        List<Map.Entry<String, String>> members = new ArrayList<>(attributes.entrySet());
        keys.forEach((name, value) -> {
            if (attributes.containsKey(name)) {
                return;
            }
            int choice = random.nextInt(10);
            if (choice < 7) {
                members.add(random.nextInt(members.size() + 1), Map.entry(name, value));
            } else if (choice < 9) {
                members.add(random.nextInt(members.size() + 1), Map.entry(name, "{\"S\":\"other\"}"));
            }
        });
        LinkedHashMap<String, String> image = new LinkedHashMap<>();
        members.forEach(member -> image.put(member.getKey(), member.getValue()));
        return object(image);
    }

    private static String object(Map<String, String> attributes) {
        StringBuilder json = new StringBuilder("{");
        attributes.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':').append(value));
        return json.append('}').toString();
    }

    private Arbitrary<List<String>> unknownMembers(Arbitrary<String> text, boolean plain, List<String> nearNames) {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(nearNames)), Tuple.of(2, plain ? plainText(10) : anyText(10)));
        return Combinators.combine(name, json(3, text)).as((n, v) -> quote(n) + ":" + v).list().ofMaxSize(3)
                .map(members -> members.stream().filter(member -> !member.startsWith("\"tableName\"") && !member.startsWith("\"recordFormat\"")
                        && !isKnownName(member)).toList());
    }

    private static boolean isKnownName(String member) {
        for (String known : List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "eventSourceARN", "userIdentity",
                "dynamodb", "ApproximateCreationDateTime", "ApproximateCreationDateTimePrecision", "Keys", "NewImage", "OldImage",
                "SequenceNumber", "SizeBytes", "StreamViewType")) {
            if (member.startsWith("\"" + known + "\":")) {
                return true;
            }
        }
        return false;
    }

    /** Any JSON value, for unknown fields. */
    private Arbitrary<String> json(int depth, Arbitrary<String> text) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                text.map(FastRowPathTest::quote),
                Arbitraries.of("0", "-1", "3.25", "-0.0", "1e5", "2E-3", "12345678901234567890123", "true", "false", "null")));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> json(depth - 1, text)).list().ofMaxSize(3).map(list -> "[" + String.join(",", list) + "]"));
            choices.add(Arbitraries.maps(text, Arbitraries.lazy(() -> json(depth - 1, text))).ofMaxSize(3).map(FastRowPathTest::jsonObject));
        }
        return Arbitraries.oneOf(choices);
    }

    private static String jsonObject(Map<String, String> members) {
        StringBuilder json = new StringBuilder("{");
        members.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':').append(value));
        return json.append('}').toString();
    }

    /** A DynamoDB JSON attribute value of any type, nested up to {@code depth} more levels. */
    private Arbitrary<String> value(int depth, Arbitrary<String> text, Arbitrary<String> names, boolean plain) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                text.map(s -> "{\"S\":" + quote(s) + "}"),
                numbers(plain).map(n -> "{\"N\":\"" + n + "\"}"),
                base64().map(b -> "{\"B\":\"" + b + "\"}"),
                Arbitraries.of("{\"BOOL\":true}", "{\"BOOL\":false}", "{\"NULL\":true}"),
                text.list().ofMaxSize(4).map(list -> set("SS", list.stream().map(FastRowPathTest::quote).toList())),
                numbers(plain).list().ofMaxSize(4).map(list -> set("NS", list.stream().map(n -> "\"" + n + "\"").toList())),
                base64().list().ofMaxSize(3).map(list -> set("BS", list.stream().map(b -> "\"" + b + "\"").toList()))));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> value(depth - 1, text, names, plain)).list().ofMaxSize(4)
                    .map(list -> "{\"L\":[" + String.join(",", list) + "]}"));
            choices.add(Arbitraries.maps(names, Arbitraries.lazy(() -> value(depth - 1, text, names, plain))).ofMaxSize(4)
                    .map(map -> "{\"M\":" + object(map) + "}"));
        }
        return Arbitraries.oneOf(choices);
    }

    private static String set(String type, List<String> members) {
        return "{\"" + type + "\":[" + String.join(",", members) + "]}";
    }

    private Arbitrary<String> base64() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> Base64.getEncoder().encodeToString(b));
    }

    private Arbitrary<String> names(boolean plain) {
        Arbitrary<String> common = Arbitraries.of("pk", "sk", "orderid", "product_name", "quantity", "price", "a", "b", "");
        if (plain) {
            return Arbitraries.frequencyOf(Tuple.of(2, common), Tuple.of(3, plainText(12)))
                    .filter(name -> MetadataField.forColumn(name) == null || name.isBlank());
        }
        return Arbitraries.frequencyOf(Tuple.of(2, common), Tuple.of(3, plainText(12)), Tuple.of(1, anyText(8)),
                Tuple.of(1, Arbitraries.of("cdc_event_type", "creation_datetime", "cdc_table", "cdc_ttl_delete")));
    }

    /** Text the fast path copies as it is: printable ASCII (and DEL) without quote or backslash. */
    private static Arbitrary<String> plainText(int maxLength) {
        return Arbitraries.strings().withCharRange(' ', '\u007f').excludeChars('"', '\\').ofMaxLength(maxLength);
    }

    /** Any text: mostly plain, now and then with quotes, backslashes, control characters, non-ASCII, astral characters. */
    private static Arbitrary<String> anyText(int maxLength) {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(maxLength);
        Arbitrary<String> astral = Combinators.combine(plainText(4), Arbitraries.of("🚀", "😀𝄞", "é", "\"", "\\", "\n", "\u0001", "/"), plainText(4))
                .as((head, odd, tail) -> head + odd + tail);
        return Arbitraries.frequencyOf(Tuple.of(6, plainText(maxLength)), Tuple.of(1, bmp), Tuple.of(2, astral));
    }

    static final String HUGE_EXPONENT = "1E2147483648";

    @Provide
    Arbitrary<String> numbers() {
        return numbers(false);
    }

    /** DynamoDB numbers: prices, whole numbers, 38-digit decimals, exponents and the odd ones. */
    private static Arbitrary<String> numbers(boolean plain) {
        Arbitrary<String> prices = Arbitraries.integers().between(1, 5_000_000)
                .map(cents -> java.math.BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString());
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(38).map(d -> d.replaceFirst("^0+(?=.)", ""));
        Arbitrary<String> decimals = Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.integers().between(0, 38),
                        Arbitraries.of("", "", "E+5", "e-7", "E130", "E-400"))
                .as((sign, d, point, exponent) -> {
                    String mantissa = d;
                    if (point > 0 && point < d.length() && d.length() > 1) {
                        mantissa = d.substring(0, d.length() - point) + "." + d.substring(d.length() - point);
                    }
                    return sign + mantissa + exponent;
                })
                .filter(DynamoNumbers::isJsonNumber);
        Arbitrary<String> doubles = Arbitraries.doubles().map(d -> Double.toString(d)).filter(DynamoNumbers::isJsonNumber);
        Arbitrary<String> shortDecimals = Combinators.combine(Arbitraries.integers().between(0, 999_999),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12))
                .as((whole, fraction) -> whole + "." + fraction);
        List<String> odd = new ArrayList<>(List.of("0", "-0", "0.0", "0.00", "1E+3", "1e-7", "0.001", "0.01", "0.009", "0.1", "0.5", "-0.5",
                "249.90", "250.0", "1.50", "100", "1e2", "123456789012345678", "-123456789012345678", "1234567890123456789",
                "12345678901234567890", "999999.5", "1000000.5", "3.14159265358979", "3.141592653589793", "1.7976931348623157E308",
                "4.9E-324", "1E400", "-1E-400", "123456.123456789", "0.000001", "1.0000000000000002", "9007199254740993",
                "99999999999999999999999999999999999999", "0.30000000000000004", "100000000000000000000"));
        if (!plain) {
            odd.add(HUGE_EXPONENT);
        }
        return Arbitraries.frequencyOf(Tuple.of(4, prices), Tuple.of(2, Arbitraries.longs().map(l -> Long.toString(l))),
                Tuple.of(2, Arbitraries.integers().between(-100, 100).map(Object::toString)), Tuple.of(3, decimals),
                Tuple.of(2, doubles), Tuple.of(3, shortDecimals), Tuple.of(2, Arbitraries.of(odd)));
    }

    @Provide
    Arbitrary<TransformOptions> fastOptions() {
        return Combinators.combine(Arbitraries.of(FAST_METADATA).list().uniqueElements().ofMaxSize(FAST_METADATA.size()),
                        Arbitraries.of("row", "row", "drop", "tombstone"))
                .as((fields, deletes) -> options("metadata.fields", String.join(",", fields.stream().map(MetadataField::column).toList()),
                        "delete.handling", deletes));
    }

    @Provide
    Arbitrary<TransformOptions> slowOnlyOptions() {
        return Arbitraries.of(options("output.format", "envelope"), options("output.format", "envelope", "delete.handling", "drop"),
                options("row.fields", "pk:string,orderid:string,price:double"),
                options("metadata.fields", "cdc_old_image"), options("metadata.fields", "cdc_event_type,cdc_old_image,cdc_table"));
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ corruptions

    /** One way to spoil a record; most make the parser refuse it, some are still fine. */
    record Corruption(String name, java.util.function.BiFunction<Spec, Random, String> edit) {

        byte[] apply(Spec spec, Random random) {
            return edit.apply(spec, random).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> BAD_VALUES = List.of(
            "{\"N\":\"abc\"}", "{\"N\":\"+5\"}", "{\"N\":\".5\"}", "{\"N\":\" 5 \"}", "{\"N\":\"5.\"}", "{\"N\":5}", "{\"N\":1.5}",
            "{\"N\":\"\"}", "{\"N\":\"NaN\"}", "{\"N\":\"1e\"}", "{\"N\":\"--1\"}", "{\"N\":\"0x10\"}", "{\"N\":\"007\"}", "{\"N\":null}",
            "{\"N\":\"1E2147483648\"}", "{\"N\":\"1e5\"}",
            "{\"B\":\"not base64!\"}", "{\"B\":\"abc\"}", "{\"B\":\"====\"}", "{\"B\":\"QQ==\"}", "{\"B\":\"\"}", "{\"B\":\"QQ=A\"}",
            "{\"B\":null}", "{\"S\":\"x\",\"N\":\"1\"}", "{\"S\":\"x\",\"S\":\"y\"}", "{}", "{\"X\":\"1\"}", "{\"s\":\"1\"}", "{\"\":\"1\"}",
            "{\"S\":null}", "{\"S\":5}", "{\"S\":[]}", "{\"BOOL\":\"yes\"}", "{\"BOOL\":null}", "{\"BOOL\":1}", "{\"NULL\":false}",
            "{\"NULL\":true}", "{\"NULL\":null}", "{\"L\":{}}", "{\"M\":[]}", "{\"M\":null}", "{\"L\":null}", "{\"SS\":\"a\"}",
            "{\"SS\":[1]}", "{\"SS\":[null]}", "{\"SS\":[]}", "{\"NS\":[\"1\",\"x\"]}", "{\"NS\":[1]}", "{\"NS\":[\"1\",2.5]}",
            "{\"BS\":[\"QQ==\",\"!\"]}", "{\"L\":[1]}", "{\"L\":[null]}", "{\"L\":[{}]}", "{\"L\":[{\"S\":\"a\"},]}", "{\"L\":[,]}",
            "{\"M\":{\"a\":1}}", "{\"M\":{\"d\":{\"S\":\"a\"},\"d\":{\"N\":\"1\"}}}", "{\"M\":{\"d\":{\"S\":\"a\"},\"e\":{\"N\":\"1\"}}}",
            "{\"L\":[{\"M\":{\"d\":{\"S\":\"a\"},\"d\":{\"S\":\"a\"}}}]}", "{\"SS\":[\"a\",\"a\"]}", "3", "\"x\"", "null", "[]", "true",
            "{\"S\":\"a\\u0000b\"}", "{\"S\":\"tab\there\"}", "{\"S\":\"\u0001\"}", "{\"S\":\"\\q\"}", "{\"S\":\"é\"}",
            "{\"S\" \"x\"}", "{\"S\":\"x\" ", "{\"S\":'x'}", "{S:\"x\"}", "{\"BOOL\":tru}", "{\"BOOL\":truex}", "{\"NULL\":True}",
            "{\"SS\":[\"a\" \"b\"]}");

    private static final List<String> BAD_FIELD_VALUES = List.of(Spec.ABSENT, "null", "5", "1.5", "-1", "\"x\"", "{}", "[]", "true",
            "\"INSERT\"", "\"UPSERT\"", "\"insert\"", "\"READ\"", "\"1761955205\"", "\"2025-11-01T00:00:00Z\"", "1761955205.5",
            "1761955205000", "1E9", "1e9", "99999999999", "100000000000", "-5", "-62167219201", "0", "00", "12345678901234567890",
            "{\"a\":{\"S\":\"x\"}}", "{\"a\":{\"S\":\"x\"},\"a\":{\"S\":\"y\"}}", "{\"type\":5}", "{\"principalId\":[]}", "\"\"");

    private static final List<String> TOP_FIELDS = List.of("eventID", "eventName", "eventVersion", "eventSource", "awsRegion",
            "eventSourceARN", "userIdentity", "dynamodb", "tableName", "recordFormat");
    private static final List<String> DYNAMODB_FIELDS = List.of("ApproximateCreationDateTime", "ApproximateCreationDateTimePrecision",
            "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes", "StreamViewType");

    @Provide
    Arbitrary<Corruption> corruptions() {
        List<Corruption> all = new ArrayList<>();
        all.add(new Corruption("bad attribute value", (spec, random) -> inject(spec, random,
                "\"zz\":" + BAD_VALUES.get(random.nextInt(BAD_VALUES.size())))));
        all.add(new Corruption("duplicate attribute", (spec, random) -> inject(spec, random, "\"dup\":{\"S\":\"a\"},\"dup\":{\"N\":\"1\"}")));
        all.add(new Corruption("deep nesting", (spec, random) -> {
            int depth = List.of(6, 7, 8, 9, 12, 63, 64, 65, 70).get(random.nextInt(9));
            String kind = random.nextBoolean() ? "{\"L\":[" : "{\"M\":{\"x\":";
            String close = kind.startsWith("{\"L") ? "]}" : "}}";
            return inject(spec, random, "\"deep\":" + kind.repeat(depth) + "{\"S\":\"leaf\"}" + close.repeat(depth));
        }));
        all.add(new Corruption("deep unknown field", (spec, random) -> {
            int depth = List.of(14, 15, 16, 17, 150).get(random.nextInt(5));
            return spec.render(Map.of(), Map.of(), List.of("\"deep\":" + "[".repeat(depth) + "]".repeat(depth)), List.of());
        }));
        all.add(new Corruption("long string", (spec, random) -> {
            int length = List.of(4095, 4096, 4097, 10_000).get(random.nextInt(4));
            return inject(spec, random, "\"long\":{\"S\":\"" + "x".repeat(length) + "\"}");
        }));
        all.add(new Corruption("known field with a wrong value", (spec, random) -> {
            String value = BAD_FIELD_VALUES.get(random.nextInt(BAD_FIELD_VALUES.size()));
            if (random.nextBoolean()) {
                return spec.render(Map.of(TOP_FIELDS.get(random.nextInt(TOP_FIELDS.size())), value), Map.of(), List.of(), List.of());
            }
            return spec.render(Map.of(), Map.of(DYNAMODB_FIELDS.get(random.nextInt(DYNAMODB_FIELDS.size())), value), List.of(), List.of());
        }));
        all.add(new Corruption("known field twice", (spec, random) -> {
            String value = BAD_FIELD_VALUES.get(random.nextInt(BAD_FIELD_VALUES.size()));
            if (value.equals(Spec.ABSENT)) {
                value = "null";
            }
            if (random.nextBoolean()) {
                return spec.render(Map.of(), Map.of(), List.of("\"" + TOP_FIELDS.get(random.nextInt(TOP_FIELDS.size())) + "\":" + value), List.of());
            }
            return spec.render(Map.of(), Map.of(), List.of(), List.of("\"" + DYNAMODB_FIELDS.get(random.nextInt(DYNAMODB_FIELDS.size())) + "\":" + value));
        }));
        all.add(new Corruption("truncated", (spec, random) -> {
            String record = spec.render();
            return record.substring(0, random.nextInt(record.length()));
        }));
        all.add(new Corruption("trailing content", (spec, random) ->
                spec.render() + List.of(" {}", "x", ",", "}", "]", "\u0000", "[]", " \"\"", "\n", " ", "1", "null").get(random.nextInt(12))));
        all.add(new Corruption("one byte replaced", (spec, random) -> {
            String record = spec.render();
            int at = random.nextInt(record.length());
            String chars = "{}[]\":, \n0123456789.-+eEtrufalsn\\xSNBLM=/\u0000\u00e9";
            return record.substring(0, at) + chars.charAt(random.nextInt(chars.length())) + record.substring(at + 1);
        }));
        all.add(new Corruption("one byte deleted", (spec, random) -> {
            String record = spec.render();
            int at = random.nextInt(record.length());
            return record.substring(0, at) + record.substring(at + 1);
        }));
        all.add(new Corruption("one byte inserted", (spec, random) -> {
            String record = spec.render();
            int at = random.nextInt(record.length() + 1);
            String chars = "{}[]\":, \t0123456789.-eE\\\"";
            return record.substring(0, at) + chars.charAt(random.nextInt(chars.length())) + record.substring(at);
        }));
        all.add(new Corruption("two bytes swapped", (spec, random) -> {
            char[] record = spec.render().toCharArray();
            int a = random.nextInt(record.length);
            int b = random.nextInt(record.length);
            char c = record[a];
            record[a] = record[b];
            record[b] = c;
            return new String(record);
        }));
        return Arbitraries.of(all);
    }

    /** The record with one more raw member in one of its images (made when absent). */
    private static String inject(Spec spec, Random random, String member) {
        String field = List.of("Keys", "NewImage", "OldImage").get(random.nextInt(3));
        String image = switch (field) {
            case "Keys" -> spec.keys();
            case "NewImage" -> spec.newImage();
            default -> spec.oldImage();
        };
        if (image == null || image.equals(Spec.ABSENT) || image.equals("null")) {
            image = "{}";
        }
        String spoiled = image.equals("{}") ? "{" + member + "}"
                : random.nextBoolean() ? "{" + member + "," + image.substring(1) : image.substring(0, image.length() - 1) + "," + member + "}";
        return spec.render(Map.of(), Map.of(field, spoiled), List.of(), List.of());
    }
}
