package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random items of every type (nested, unicode, 38-digit numbers) survive image → row exactly: the row
 * holds each attribute as plain JSON with the very number text, strings and base64 that went in.
 */
class ImageToRowPropertyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonTransform transform = Fixtures.transform("metadata.fields", "");

    /** A generated attribute: its DynamoDB JSON and the plain JSON the row must hold, both as text. */
    record Generated(String dynamoJson, String plainJson) {
    }

    @Property(tries = 300)
    void itemsSurviveImageToRowExactly(@ForAll("items") Map<String, Generated> item) throws Exception {
        StringBuilder image = new StringBuilder("{\"pk\":{\"S\":\"key\"}");
        StringBuilder expected = new StringBuilder("{\"pk\":\"key\"");
        item.forEach((name, value) -> {
            image.append(',').append(quote(name)).append(':').append(value.dynamoJson());
            expected.append(',').append(quote(name)).append(':').append(value.plainJson());
        });
        image.append('}');
        expected.append('}');
        byte[] record = ("{\"eventID\":\"p\",\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1700000000,"
                + "\"Keys\":{\"pk\":{\"S\":\"key\"}},\"NewImage\":" + image + "}}").getBytes(StandardCharsets.UTF_8);

        byte[] row = transform.apply(record);

        assertThat(Fixtures.json(row)).isEqualTo(Fixtures.json(expected.toString()));
        // The same record decoded into Maps first (the SMT's schemaless input) gives the same bytes.
        assertThat(transform.toJson(new ChangeEventParser().parse(Fixtures.map(record)))).isEqualTo(row);
    }

    /** A number as a row holds it: see DynamoNumbers.plainValue. */
    static String plainNumber(String number) {
        Object plain = DynamoNumbers.plainValue(number);
        return plain instanceof String text ? quote(text) : plain.toString();
    }

    @Property(tries = 500)
    void numbersOfUpTo38DigitsKeepTheirExactValue(@ForAll("numbers") String number) {
        byte[] record = ("{\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1,"
                + "\"Keys\":{\"k\":{\"N\":\"" + number + "\"}}}}").getBytes(StandardCharsets.UTF_8);

        JsonNode k = Fixtures.json(transform.apply(record)).get("k");

        java.math.BigDecimal exact = new java.math.BigDecimal(number);
        if (k.isTextual()) {
            // Only a number no long or double holds exactly is written as text, and then with its own digits.
            assertThat(k.asText()).isEqualTo(number);
            double approximate = exact.doubleValue();
            assertThat(Double.isFinite(approximate)
                    && new java.math.BigDecimal(Double.toString(approximate)).compareTo(exact) == 0).isFalse();
        } else {
            assertThat(k.decimalValue()).isEqualByComparingTo(exact);
        }
        assertThat(FieldCoercion.coerce(new AttributeValue.N(number), FieldType.parse("string"))).isEqualTo(number);
    }

    @Provide
    Arbitrary<Map<String, Generated>> items() {
        return Arbitraries.maps(names(), value(4)).ofMaxSize(12).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(38)
                .map(d -> d.replaceFirst("^0+(?=.)", ""));
        return Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.integers().between(0, 38),
                        Arbitraries.of("", "E+5", "e-7", "E130"))
                .as((sign, d, point, exponent) -> {
                    String mantissa = d;
                    if (point > 0 && point < d.length() && d.length() > 1) {
                        mantissa = d.substring(0, d.length() - point) + "." + d.substring(d.length() - point);
                    }
                    return sign + mantissa + exponent;
                })
                .filter(n -> !n.startsWith("0") || n.startsWith("0.") || n.equals("0") || n.startsWith("0E") || n.startsWith("0e"))
                .filter(DynamoNumbers::isJsonNumber);
    }

    private Arbitrary<String> names() {
        return strings().ofMinLength(1).ofMaxLength(12).filter(n -> !n.equals("pk"));
    }

    private net.jqwik.api.arbitraries.StringArbitrary strings() {
        // Any BMP character outside the surrogate range; astral characters are added whole in text().
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD');
    }

    /** Text with, now and then, characters outside the BMP (each a surrogate pair, never half of one). */
    private Arbitrary<String> text(int maxLength) {
        return Combinators.combine(strings().ofMaxLength(maxLength), Arbitraries.of("", "🚀", "😀𝄞"), strings().ofMaxLength(3))
                .as((head, astral, tail) -> head + astral + tail);
    }

    private Arbitrary<Generated> value(int depth) {
        List<Arbitrary<Generated>> choices = new ArrayList<>(List.of(
                text(30).map(s -> new Generated("{\"S\":" + quote(s) + "}", quote(s))),
                numbers().map(n -> new Generated("{\"N\":\"" + n + "\"}", plainNumber(n))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(24).map(b -> Base64.getEncoder().encodeToString(b))
                        .map(b -> new Generated("{\"B\":\"" + b + "\"}", "\"" + b + "\"")),
                Arbitraries.of(true, false).map(b -> new Generated("{\"BOOL\":" + b + "}", b.toString())),
                Arbitraries.just(new Generated("{\"NULL\":true}", "null")),
                strings().ofMaxLength(10).set().ofMinSize(1).ofMaxSize(4).map(set -> set(set, "SS", ImageToRowPropertyTest::quote)),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(set -> set(set, "NS", ImageToRowPropertyTest::plainNumber)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8).map(b -> Base64.getEncoder().encodeToString(b))
                        .set().ofMinSize(1).ofMaxSize(3).map(set -> set(set, "BS", b -> "\"" + b + "\""))));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4).map(list -> {
                StringBuilder dynamo = new StringBuilder("{\"L\":[");
                StringBuilder plain = new StringBuilder("[");
                for (int i = 0; i < list.size(); i++) {
                    dynamo.append(i > 0 ? "," : "").append(list.get(i).dynamoJson());
                    plain.append(i > 0 ? "," : "").append(list.get(i).plainJson());
                }
                return new Generated(dynamo.append("]}").toString(), plain.append("]").toString());
            }));
            choices.add(Arbitraries.maps(names(), Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(4).map(map -> {
                StringBuilder dynamo = new StringBuilder("{\"M\":{");
                StringBuilder plain = new StringBuilder("{");
                String separator = "";
                for (Map.Entry<String, Generated> entry : map.entrySet()) {
                    dynamo.append(separator).append(quote(entry.getKey())).append(':').append(entry.getValue().dynamoJson());
                    plain.append(separator).append(quote(entry.getKey())).append(':').append(entry.getValue().plainJson());
                    separator = ",";
                }
                return new Generated(dynamo.append("}}").toString(), plain.append("}").toString());
            }));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Generated set(java.util.Set<String> members, String type, java.util.function.UnaryOperator<String> plain) {
        StringBuilder dynamo = new StringBuilder("{\"" + type + "\":[");
        StringBuilder out = new StringBuilder("[");
        String separator = "";
        for (String member : members) {
            dynamo.append(separator).append(type.equals("SS") ? quote(member) : "\"" + member + "\"");
            out.append(separator).append(plain.apply(member));
            separator = ",";
        }
        return new Generated(dynamo.append("]}").toString(), out.append("]").toString());
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
