package io.dynamocdc.transform.connect;

import io.dynamocdc.transform.DynamoNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.AttributeValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Schemaless numbers: a Long when whole and within 18 digits, a Double when it spells the same decimal, else exact text. */
class ConnectValuesTest {

    @ParameterizedTest(name = "{0} -> Long {1}")
    @CsvSource({"3, 3", "-42, -42", "0, 0", "123.000, 123", "1E+2, 100", "999999999999999999, 999999999999999999"})
    void wholeNumbersWithinEighteenDigitsAreLongs(String text, long expected) {
        assertThat(DynamoNumbers.plainValue(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> Double")
    @ValueSource(strings = {"249.99", "0.1", "-1.5", "1E-7"})
    void fractionsADoubleSpellsExactlyAreDoubles(String text) {
        assertThat(DynamoNumbers.plainValue(text)).isInstanceOf(Double.class).isEqualTo(new BigDecimal(text).doubleValue());
    }

    @ParameterizedTest(name = "{0} -> text")
    @ValueSource(strings = {"12345678901234567890.123456789012345678", "9223372036854775807", "0.30000000000000000001",
            "1E+400", "1E-400", "-99999999999999999999999999999999999999"})
    void numbersNoLongOrDoubleHoldsStayExactText(String text) {
        assertThat(DynamoNumbers.plainValue(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3", "249.99", "12345678901234567890.123456789012345678", "1E+2", "0.000001", "-7.25",
            "100000000000000000000", "4.9E-324", "1.7976931348623157E+308"})
    void noNumberIsEverRounded(String text) {
        Object value = DynamoNumbers.plainValue(text);

        assertThat(new BigDecimal(value.toString())).isEqualByComparingTo(new BigDecimal(text));
    }

    @Test
    void setsListsAndMapsBecomePlainCollections() {
        AttributeValue.M map = new AttributeValue.M(io.dynamocdc.transform.Item.builder()
                .put("ns", new AttributeValue.NS(List.of("1", "2.5")))
                .put("l", new AttributeValue.L(List.of(new AttributeValue.S("a"), AttributeValue.Null.INSTANCE)))
                .put("b", new AttributeValue.B("AQID"))
                .build());

        assertThat(ConnectValues.plain(map)).isEqualTo(java.util.Map.of(
                "ns", List.of(1L, 2.5),
                "l", java.util.Arrays.asList("a", null),
                "b", "AQID"));
    }
}
