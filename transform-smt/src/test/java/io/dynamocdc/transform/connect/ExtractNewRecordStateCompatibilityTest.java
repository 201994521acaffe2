package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.transforms.ExtractNewRecordState;
import io.dynamocdc.transform.connect.Fixtures.Sample;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our envelope goes through Debezium's own ExtractNewRecordState (debezium-connect-plugins 3.5.0.Final)
 * as a Debezium connector's would, with row.fields declared and with the schema inferred.
 */
class ExtractNewRecordStateCompatibilityTest {

    static final String FIELDS = "orderid:string,product_name:string,quantity:int,price:decimal(10,2)";

    private ExtractNewRecordState<SourceRecord> unwrap;

    @AfterEach
    void closeUnwrap() {
        if (unwrap != null) {
            unwrap.close();
        }
    }

    private ExtractNewRecordState<SourceRecord> unwrap(Map<String, String> config) {
        unwrap = new ExtractNewRecordState<>();
        unwrap.configure(config);
        return unwrap;
    }

    private static SourceRecord envelope(String rowFields, byte[] bytes) {
        CdcTransform<SourceRecord> cdc = rowFields.isEmpty()
                ? transform("output.format", "envelope")
                : transform("output.format", "envelope", "row.fields", rowFields);
        return cdc.apply(record(bytes));
    }

    /**
     * Debezium rebuilds the value schema (same name, fields and field schemas; it does not copy the
     * optional flag of before/after), so compare the state field by field.
     */
    private static void assertSameState(Struct state, Struct after) {
        state.validate();
        assertThat(state.schema().name()).isEqualTo(after.schema().name());
        assertThat(state.schema().fields()).isEqualTo(after.schema().fields());
        for (Field field : after.schema().fields()) {
            assertThat(state.get(field.name())).as(field.name()).isEqualTo(after.get(field));
        }
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void anInsertBecomesItsAfterState(String rowFields) {
        SourceRecord envelope = envelope(rowFields, Sample.INSERT.bytes());

        SourceRecord state = unwrap(Map.of()).apply(envelope);

        assertSameState((Struct) state.value(), ((Struct) envelope.value()).getStruct("after"));
        assertThat(state.key()).isEqualTo(envelope.key());
        assertThat(state.keySchema()).isEqualTo(envelope.keySchema());
        assertThat(((Struct) state.value()).get("orderid")).isEqualTo("4821");
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void aModifyBecomesItsAfterState(String rowFields) {
        SourceRecord envelope = envelope(rowFields, seedModify());

        SourceRecord state = unwrap(Map.of()).apply(envelope);

        Struct value = (Struct) state.value();
        assertSameState(value, ((Struct) envelope.value()).getStruct("after"));
        assertThat(value.get("quantity")).isEqualTo(rowFields.isEmpty() ? "3" : 3);
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void byDefaultARemoveBecomesATombstoneOfTheKey(String rowFields) {
        SourceRecord envelope = envelope(rowFields, Sample.REMOVE_TTL.bytes());

        SourceRecord state = unwrap(Map.of()).apply(envelope);

        assertThat(state).isNotNull();
        assertThat(state.value()).isNull();
        assertThat(state.key()).isEqualTo(envelope.key());
        assertThat(((Struct) state.key()).get("orderid")).isEqualTo("4821");
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void withDropARemoveDisappears(String rowFields) {
        SourceRecord envelope = envelope(rowFields, Sample.REMOVE_TTL.bytes());

        assertThat(unwrap(Map.of("delete.tombstone.handling.mode", "drop")).apply(envelope)).isNull();
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void withRewriteAndAddedFieldsARemoveBecomesTheOldStateMarkedDeleted(String rowFields) {
        SourceRecord envelope = envelope(rowFields, Sample.REMOVE_TTL.bytes());

        SourceRecord state = unwrap(Map.of("add.fields", "op,table", "delete.tombstone.handling.mode", "rewrite"))
                .apply(envelope);

        Struct value = (Struct) state.value();
        assertThat(value.schema().fields()).extracting(Field::name).hasSize(7)
                .startsWith("orderid", "product_name", "quantity", "price")
                .contains("__op", "__table", "__deleted");
        assertThat(value.get("orderid")).isEqualTo("4821");
        assertThat(value.get("price")).isEqualTo(rowFields.isEmpty() ? "249.99" : new BigDecimal("249.99"));
        assertThat(value.get("__op")).isEqualTo("d");
        assertThat(value.get("__table")).isEqualTo("OrdersRawTable");
        assertThat(value.get("__deleted")).isEqualTo("true");
        assertThat(state.key()).isEqualTo(envelope.key());
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void withRewriteAndAddedFieldsAnUpdateCarriesOpAndTable(String rowFields) {
        SourceRecord envelope = envelope(rowFields, seedModify());

        SourceRecord state = unwrap(Map.of("add.fields", "op,table", "delete.tombstone.handling.mode", "rewrite"))
                .apply(envelope);

        Struct value = (Struct) state.value();
        value.validate();
        assertThat(value.get("quantity")).isEqualTo(rowFields.isEmpty() ? "3" : 3);
        assertThat(value.get("__op")).isEqualTo("u");
        assertThat(value.get("__table")).isEqualTo("OrdersRawTable");
        assertThat(value.get("__deleted")).isEqualTo("false");
        assertThat(value.schema().field("__op").schema().type()).isEqualTo(Schema.Type.STRING);
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void aSnapshotReadBecomesItsAfterState(String rowFields) {
        byte[] read = Fixtures.edited(Sample.INSERT.bytes(), tree -> tree.put("eventName", "READ"));
        SourceRecord envelope = envelope(rowFields, read);

        Struct value = (Struct) unwrap(Map.of("add.fields", "op")).apply(envelope).value();

        assertThat(value.get("orderid")).isEqualTo("4821");
        assertThat(value.get("__op")).isEqualTo("r");
    }

    @ParameterizedTest(name = "row.fields=''{0}''")
    @ValueSource(strings = {"", FIELDS})
    void withRewriteAnInsertIsOpC(String rowFields) {
        SourceRecord envelope = envelope(rowFields, Sample.INSERT.bytes());

        Struct value = (Struct) unwrap(Map.of("add.fields", "op,table", "delete.tombstone.handling.mode", "rewrite"))
                .apply(envelope).value();

        assertThat(value.get("__op")).isEqualTo("c");
        assertThat(value.get("__deleted")).isEqualTo("false");
    }
}
