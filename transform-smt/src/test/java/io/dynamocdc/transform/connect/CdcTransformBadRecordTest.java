package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.TOPIC;
import static io.dynamocdc.transform.connect.Fixtures.decodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.edited;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.transform.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad record is a DataException (so errors.tolerance and the dead-letter queue apply), never another
 * exception, and its message says what is wrong, where, in which record and topic.
 */
class CdcTransformBadRecordTest {

    private static final String EVENT_ID = Fixtures.SEED_MODIFY_EVENT_ID;

    private final CdcTransform<SourceRecord> transform = transform();

    static Stream<Arguments> inputForms() {
        return Stream.of(
                Arguments.of("byte[]", (Function<byte[], Object>) bytes -> bytes),
                Arguments.of("String", (Function<byte[], Object>) bytes -> new String(bytes, StandardCharsets.UTF_8)),
                Arguments.of("Map", (Function<byte[], Object>) Fixtures::decodeSchemaless),
                Arguments.of("Struct", (Function<byte[], Object>) StreamRecordStructs::toStruct));
    }

    private void assertDataException(Object value, String... expectedInMessage) {
        SourceRecord input = value instanceof Struct struct ? record(struct.schema(), struct) : record(value);
        var thrown = assertThatThrownBy(() -> transform.apply(input))
                .isExactlyInstanceOf(DataException.class)
                .hasCauseExactlyInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(TOPIC);
        for (String expected : expectedInMessage) {
            thrown.hasMessageContaining(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputForms")
    void aNumberThatIsNotANumberIsNamedWithItsPath(String form, Function<byte[], Object> as) {
        byte[] bytes = edited(seedModify(), tree -> Fixtures.image(tree, "NewImage")
                .putObject("quantity").put("N", "abc"));

        assertDataException(as.apply(bytes), "dynamodb.NewImage.quantity.N", "'abc' is not a number", EVENT_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputForms")
    void aRecordWithoutDynamodbIsNamedMissing(String form, Function<byte[], Object> as) {
        byte[] bytes = edited(seedModify(), tree -> tree.remove("dynamodb"));

        assertDataException(as.apply(bytes), "dynamodb", "missing", EVENT_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputForms")
    void anUnknownEventNameIsNamed(String form, Function<byte[], Object> as) {
        byte[] bytes = edited(seedModify(), tree -> tree.put("eventName", "UPSERT"));

        assertDataException(as.apply(bytes), "eventName", "UPSERT", EVENT_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputForms")
    void aRecordWithoutKeysIsNamed(String form, Function<byte[], Object> as) {
        byte[] bytes = edited(seedModify(), tree -> Fixtures.dynamodb(tree).remove("Keys"));

        assertDataException(as.apply(bytes), "dynamodb.Keys", "missing", EVENT_ID);
    }

    @Test
    void truncatedJsonBytesAreMalformed() {
        byte[] seed = seedModify();
        byte[] truncated = Arrays.copyOf(seed, seed.length / 2);

        assertDataException(truncated, "malformed JSON", EVENT_ID);
    }

    @Test
    void truncatedJsonTextIsMalformed() {
        byte[] seed = seedModify();
        String truncated = new String(seed, 0, seed.length - 1, StandardCharsets.UTF_8);

        assertDataException(truncated, "malformed JSON");
    }

    @Test
    void emptyBytesAreNoRecord() {
        assertDataException(new byte[0], "expected a JSON object");
    }

    @Test
    void aJsonArrayIsNoRecord() {
        assertDataException("[1,2,3]", "expected a JSON object");
    }

    @Test
    void aDynamodbFieldThatIsNoObjectIsNamed() {
        Map<String, Object> map = decodeSchemaless(seedModify());
        map.put("dynamodb", "not an object");

        assertDataException(map, "dynamodb", "expected a JSON object", EVENT_ID);
    }

    @Test
    void anAttributeWithTwoTypeDescriptorsIsNamed() {
        byte[] bytes = edited(seedModify(), tree -> ((ObjectNode) Fixtures.image(tree, "NewImage").get("price"))
                .put("S", "249.99"));

        assertDataException(bytes, "dynamodb.NewImage.price", "exactly one type descriptor");
        assertDataException(decodeSchemaless(bytes), "dynamodb.NewImage.price", "exactly one type descriptor");
    }

    @Test
    void tenThousandDeepNestingIsADataExceptionNotAStackOverflow() {
        StringBuilder deep = new StringBuilder();
        int depth = 10_000;
        deep.append("{\"M\":{\"a\":".repeat(depth)).append("{\"S\":\"x\"}").append("}}".repeat(depth));
        String json = new String(seedModify(), StandardCharsets.UTF_8)
                .replace("\"price\":{\"N\":\"249.99\"}},\"OldImage\"", "\"price\":" + deep + "},\"OldImage\"");

        assertDataException(json.getBytes(StandardCharsets.UTF_8), EVENT_ID);
    }

    @Test
    void tenThousandDeepNestedMapsAreADataExceptionNotAStackOverflow() {
        Map<String, Object> value = Map.of("S", "x");
        for (int i = 0; i < 10_000; i++) {
            value = Map.of("M", Map.of("a", value));
        }
        Map<String, Object> record = decodeSchemaless(seedModify());
        @SuppressWarnings("unchecked")
        Map<String, Object> dynamodb = new HashMap<>((Map<String, Object>) record.get("dynamodb"));
        Map<String, Object> newImage = new LinkedHashMap<>(Map.of("orderid", Map.of("S", "4821"), "deep", value));
        dynamodb.put("NewImage", newImage);
        record.put("dynamodb", dynamodb);

        assertDataException(record, "dynamodb.NewImage.deep", "deeper than", EVENT_ID);
    }
}
