package io.dynamocdc.transform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema names derived from the table: valid Avro full names, distinct for distinct tables where Avro allows. */
class ConnectSchemasTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "OrdersRawTable, io.dynamocdc.OrdersRawTable.Envelope",
            "orders-2025.v2, io.dynamocdc.orders_2025_v2.Envelope",
            "2024orders, io.dynamocdc._2024orders.Envelope",
            "3024orders, io.dynamocdc._3024orders.Envelope"})
    void aTableBecomesAnAvroNamespacePart(String table, String expected) {
        assertThat(ConnectSchemas.recordName(table, "Envelope")).isEqualTo(expected);
    }

    @Test
    void withoutATableTheNameHasOnlyTheNamespace() {
        assertThat(ConnectSchemas.recordName(null, "Key")).isEqualTo("io.dynamocdc.Key");
        assertThat(ConnectSchemas.recordName("", "Value")).isEqualTo("io.dynamocdc.Value");
    }

    @Test
    void everyNamePartIsAValidAvroName() {
        String name = ConnectSchemas.recordName("9lives-ä.b", "Value");

        for (String part : name.split("\\.")) {
            assertThat(part).matches("[A-Za-z_][A-Za-z0-9_]*");
        }
    }
}
