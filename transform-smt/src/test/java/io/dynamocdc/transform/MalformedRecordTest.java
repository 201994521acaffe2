package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives the one typed error, naming what and where; never a crash, never a partial row. */
class MalformedRecordTest {

    private static final String SEED = Fixtures.text("seed-modify.json");
    private final JsonTransform transform = Fixtures.transform();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "N is not a number|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"N\":\"abc\"}|dynamodb.NewImage.quantity.N|'abc' is not a number",
        "N is not a string|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"N\":[3]}|dynamodb.NewImage.quantity.N|expected a number as a string, found an array",
        "S is a number|\"product_name\":{\"S\":\"Laptop\"}|\"product_name\":{\"S\":5}|dynamodb.NewImage.product_name.S|expected a string, found a number",
        "unknown type|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"X\":\"3\"}|dynamodb.NewImage.quantity.X|unknown attribute type 'X'",
        "two types|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"N\":\"3\",\"S\":\"3\"}|dynamodb.NewImage.quantity|exactly one type descriptor",
        "empty value|\"quantity\":{\"N\":\"3\"}|\"quantity\":{}|dynamodb.NewImage.quantity|empty attribute value",
        "bare value|\"quantity\":{\"N\":\"3\"}|\"quantity\":3|dynamodb.NewImage.quantity|expected an attribute value",
        "bad base64|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"B\":\"not base64!\"}|dynamodb.NewImage.quantity.B|is not base64",
        "NULL false|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"NULL\":false}|dynamodb.NewImage.quantity.NULL|expected true",
        "BOOL as text|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"BOOL\":\"yes\"}|dynamodb.NewImage.quantity.BOOL|expected true or false",
        "bad set member|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"NS\":[\"1\",\"x\"]}|dynamodb.NewImage.quantity.NS[1]|'x' is not a number",
        "bad list member|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"L\":[{\"S\":\"a\"},{\"M\":{\"z\":{\"N\":\"NaN\"}}}]}|dynamodb.NewImage.quantity.L[1].M.z.N|'NaN' is not a number",
        "duplicate attribute|\"quantity\":{\"N\":\"3\"}|\"quantity\":{\"N\":\"3\"},\"quantity\":{\"N\":\"4\"}|dynamodb.NewImage.quantity|appears twice",
        "unknown eventName|\"eventName\":\"MODIFY\"|\"eventName\":\"UPSERT\"|eventName|unknown eventName 'UPSERT'",
        "missing eventName|\"eventName\":\"MODIFY\",|\"|eventName|missing",
        "missing Keys|\"Keys\":{\"orderid\":{\"S\":\"4821\"}},|\"|dynamodb.Keys|missing",
        "missing time|\"ApproximateCreationDateTime\":1761955205,|\"|dynamodb.ApproximateCreationDateTime|missing",
        "time in milliseconds|1761955205|1761955205000|dynamodb.ApproximateCreationDateTime|is not epoch seconds",
        "time as text|1761955205|\"yesterday\"|dynamodb.ApproximateCreationDateTime|neither a number nor an ISO-8601 time",
        "dynamodb is a string|\"dynamodb\":{|\"dynamodb\":\"x\",\"ignored\":{|dynamodb|expected a JSON object, found a string",
        "Keys is a list|\"Keys\":{\"orderid\":{\"S\":\"4821\"}}|\"Keys\":[]|dynamodb.Keys|expected a JSON object, found an array",
        "SizeBytes as text|\"SizeBytes\":142|\"SizeBytes\":\"142\"|dynamodb.SizeBytes|expected a whole number",
    })
    void namesWhatIsWrongAndWhere(String title, String find, String replace, String path, String reason) {
        String record = SEED.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(
                replace.equals("\"") ? "" : replace));
        assertThat(record).as("fixture edit for " + title).isNotEqualTo(SEED);

        InvalidRecordException error = expectInvalid(record.getBytes(StandardCharsets.UTF_8));

        assertThat(error.path()).isEqualTo(path);
        assertThat(error.reason()).contains(reason);
        if (!title.startsWith("missing eventName")) {
            assertThat(error.eventId()).isEqualTo("7de3041dd709b024af6f29e4fa13d34c");
        }
    }

    @Test
    void truncatedJson() {
        for (int cut : new int[] {1, 40, SEED.length() / 2, SEED.length() - 1}) {
            InvalidRecordException error = expectInvalid(SEED.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            assertThat(error.reason()).as("cut at " + cut).startsWith("malformed JSON");
        }
    }

    @Test
    void notJsonAtAll() {
        assertThat(expectInvalid("hello".getBytes(StandardCharsets.UTF_8)).reason()).startsWith("malformed JSON");
        assertThat(expectInvalid(new byte[0]).reason()).contains("expected a JSON object");
        assertThat(expectInvalid("[1,2]".getBytes(StandardCharsets.UTF_8)).reason()).contains("expected a JSON object");
    }

    @Test
    void garbageAfterTheRecord() {
        assertThat(expectInvalid((SEED + " {}").getBytes(StandardCharsets.UTF_8)).reason()).contains("after the record");
    }

    @Test
    void missingDynamodbObject() {
        InvalidRecordException error = expectInvalid("{\"eventID\":\"e1\",\"eventName\":\"INSERT\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(error.eventId()).isEqualTo("e1");
        assertThat(error.path()).isEqualTo("dynamodb");
        assertThat(error.reason()).contains("no 'dynamodb' object");
    }

    @Test
    void tenMegabyteStringIsRefusedNotBuffered() {
        String huge = "x".repeat(10 << 20);
        String record = SEED.replace("\"Laptop\"", "\"" + huge + "\"");

        InvalidRecordException error = expectInvalid(record.getBytes(StandardCharsets.UTF_8));

        assertThat(error.reason()).contains("malformed JSON").contains("String value length");
        assertThat(error.path()).isEqualTo("dynamodb.NewImage.product_name.S");
        assertThat(error.eventId()).isEqualTo("7de3041dd709b024af6f29e4fa13d34c");
    }

    @Test
    void tenThousandDeepAttributeNestingIsAnErrorNotAStackOverflow() {
        String deep = "{\"L\":[".repeat(10_000) + "]}".repeat(10_000);
        String record = SEED.replace("{\"N\":\"3\"}", deep);

        InvalidRecordException error = expectInvalid(record.getBytes(StandardCharsets.UTF_8));

        assertThat(error.reason()).containsAnyOf("nest deeper than " + Limits.MAX_ATTRIBUTE_DEPTH, "Document nesting depth");
        assertThat(error.path()).startsWith("dynamodb.NewImage.quantity.L[0].L[0]");
    }

    @Test
    void tenThousandDeepJsonOutsideAnyAttributeIsAnErrorToo() {
        String record = SEED.replace("\"eventVersion\":\"1.1\"", "\"x\":" + "[".repeat(10_000) + "]".repeat(10_000));

        assertThat(expectInvalid(record.getBytes(StandardCharsets.UTF_8)).reason()).contains("nesting depth");
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        int depth = Limits.MAX_ATTRIBUTE_DEPTH;
        String nested = "{\"M\":{\"a\":".repeat(depth - 1) + "{\"S\":\"leaf\"}" + "}}".repeat(depth - 1);
        String record = SEED.replace("{\"N\":\"3\"}", nested);

        assertThat(transform.apply(record.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void decodedMapsGiveTheSameErrors() {
        Map<String, Object> record = Fixtures.map(SEED.replace("{\"N\":\"3\"}", "{\"N\":\"abc\"}").getBytes(StandardCharsets.UTF_8));

        InvalidRecordException error = catchThrowableOfType(InvalidRecordException.class, () -> new ChangeEventParser().parse(record));

        assertThat(error.path()).isEqualTo("dynamodb.NewImage.quantity.N");
        assertThat(error.reason()).contains("'abc' is not a number");
        assertThat(error.eventId()).isEqualTo("7de3041dd709b024af6f29e4fa13d34c");
    }

    @Test
    void decodedMapWithAHugeStringOrDeepNesting() {
        Map<String, Object> huge = Fixtures.map(SEED.getBytes(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) huge.get("dynamodb")).get("NewImage");
        image.put("product_name", Map.of("S", "x".repeat(10 << 20)));
        assertThat(catchThrowableOfType(InvalidRecordException.class, () -> new ChangeEventParser().parse(huge)).reason())
                .contains("longer than the limit");

        Object deep = Map.of("S", "leaf");
        for (int i = 0; i < 10_000; i++) {
            deep = Map.of("L", java.util.List.of(deep));
        }
        image.put("product_name", deep);
        assertThat(catchThrowableOfType(InvalidRecordException.class, () -> new ChangeEventParser().parse(huge)).reason())
                .contains("nest deeper than");
    }

    private InvalidRecordException expectInvalid(byte[] record) {
        InvalidRecordException error = catchThrowableOfType(InvalidRecordException.class, () -> transform.apply(record));
        assertThat(error).as("an InvalidRecordException").isNotNull();
        assertThat(error.getMessage()).startsWith("invalid DynamoDB stream record");
        return error;
    }
}
