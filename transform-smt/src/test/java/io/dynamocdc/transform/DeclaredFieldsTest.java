package io.dynamocdc.transform;

import static io.dynamocdc.transform.Fixtures.row;
import static io.dynamocdc.transform.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeclaredFieldsTest {

    @Test
    void declaredColumnsInDeclaredOrderWithMissingOnesNull() {
        JsonTransform transform = transform("row.fields", "price:decimal(10,2),quantity:int,orderid:long,coupon:string");

        assertThat(row(transform, "seed-modify.json")).isEqualTo("{\"price\":249.99,\"quantity\":3,\"orderid\":4821,"
                + "\"coupon\":null,\"cdc_event_type\":\"MODIFY\",\"creation_datetime\":\"2025-11-01T00:00:05Z\"}");
    }

    @Test
    void everyTypeFromTheAllTypesRecord() {
        JsonTransform transform = transform("metadata.fields", "cdc_old_image", "row.fields",
                "pk:string,sk:int,balance:decimal(38,18),active:boolean,nothing:string,address:json,tags:json,photo:string,"
                        + "zipAsText:string,sk2:double");

        assertThat(row(transform, "all-types.json")).isEqualTo("{\"pk\":\"user#1\",\"sk\":42,"
                + "\"balance\":-12345678901234567890.123456789012345678,\"active\":true,\"nothing\":null,"
                + "\"address\":\"{\\\"city\\\":\\\"Pune\\\",\\\"zip\\\":411001,\\\"geo\\\":[18.52,73.85]}\","
                + "\"tags\":\"[\\\"new\\\",\\\"vip\\\"]\",\"photo\":\"aGVsbG8=\",\"zipAsText\":null,\"sk2\":null,"
                + "\"cdc_old_image\":null}");
    }

    @ParameterizedTest(name = "{0} as {1} gives {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"N\":\"3\"}|int|3",
        "{\"N\":\"3.0\"}|int|3",
        "{\"S\":\"17\"}|int|17",
        "{\"N\":\"9223372036854775807\"}|long|9223372036854775807",
        "{\"N\":\"0.1\"}|double|0.1",
        "{\"N\":\"1.5\"}|decimal(4,2)|1.50",
        "{\"N\":\"99.99\"}|decimal(4,2)|99.99",
        "{\"BOOL\":false}|boolean|false",
        "{\"S\":\"TRUE\"}|boolean|true",
        "{\"N\":\"1761955205\"}|timestamp|2025-11-01T00:00:05Z",
        "{\"S\":\"2025-11-01T05:30:05.25+05:30\"}|timestamp|2025-11-01T00:00:05.250Z",
        "{\"N\":\"12\"}|string|12",
        "{\"BOOL\":true}|string|true",
        "{\"NULL\":true}|int|",
    })
    void coercesWhatFits(String attribute, String type, String expected) {
        Object value = FieldCoercion.coerce(attribute(attribute), FieldType.parse(type));

        if (expected == null) {
            assertThat(value).isNull();
        } else if (value instanceof BigDecimal decimal) {
            assertThat(decimal.toPlainString()).isEqualTo(expected);
        } else if (value instanceof Instant instant) {
            assertThat(instant).isEqualTo(Instant.parse(expected));
        } else {
            assertThat(String.valueOf(value)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} does not fit {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"N\":\"3.5\"}|int|not a whole number",
        "{\"N\":\"2147483648\"}|int|within 32 bits",
        "{\"N\":\"9223372036854775808\"}|long|within 64 bits",
        "{\"S\":\"abc\"}|int|not a number",
        "{\"BOOL\":true}|long|BOOL value is not a number",
        "{\"N\":\"1.555\"}|decimal(10,2)|more than 2 digits after the point",
        "{\"N\":\"100.5\"}|decimal(3,1)|more than 3 digits",
        "{\"S\":\"yes\"}|boolean|expected BOOL",
        "{\"S\":\"yesterday\"}|timestamp|ISO-8601",
        "{\"L\":[]}|timestamp|expected epoch seconds",
    })
    void refusesWhatDoesNotFitAndSaysWhy(String attribute, String type, String reason) {
        assertThatThrownBy(() -> FieldCoercion.coerce(attribute(attribute), FieldType.parse(type)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit " + FieldType.parse(type))
                .hasMessageContaining(reason);
    }

    @Test
    void aValueThatDoesNotFitNamesTheRecordAndAttribute() {
        JsonTransform transform = transform("row.fields", "orderid:string,price:decimal(5,1)");

        assertThatThrownBy(() -> transform.apply(Fixtures.bytes("seed-modify.json")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("eventID 7de3041dd709b024af6f29e4fa13d34c")
                .hasMessageContaining("dynamodb.NewImage.price")
                .hasMessageContaining("'249.99' does not fit decimal(5,1)");
    }

    @Test
    void removeCoercesTheOldImage() {
        JsonTransform transform = transform("row.fields", "Artist:string,Awards:int");

        assertThat(row(transform, "kinesis-micros.json")).startsWith("{\"Artist\":\"No One You Know\",\"Awards\":1,");
    }

    @Test
    void oldImageIsJsonTextWhenColumnsAreDeclared() {
        JsonTransform transform = transform("row.fields", "orderid:string", "metadata.fields", "cdc_old_image");

        assertThat(row(transform, "seed-modify.json")).isEqualTo("{\"orderid\":\"4821\","
                + "\"cdc_old_image\":\"{\\\"orderid\\\":\\\"4821\\\",\\\"product_name\\\":\\\"Laptop\\\",\\\"quantity\\\":2,\\\"price\\\":249.99}\"}");
    }

    private static AttributeValue attribute(String json) {
        String record = "{\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1,"
                + "\"Keys\":{\"k\":{\"S\":\"k\"}},\"NewImage\":{\"v\":" + json + "}}}";
        return new ChangeEventParser().parse(record.getBytes(StandardCharsets.UTF_8)).newImage().get("v");
    }
}
