package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.row;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.connect.Fixtures.Sample;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** delete.handling: row (default), drop, tombstone; other changes are never affected. */
class CdcTransformDeleteHandlingTest {

    @Test
    void byDefaultARemoveIsARow() {
        SourceRecord out = transform().apply(record(Sample.REMOVE_TTL.bytes()));

        assertThat(out.value()).isInstanceOf(Map.class);
        assertThat(row(out)).containsEntry("cdc_event_type", "REMOVE");
    }

    @Test
    void rowHandlingWrittenOutIsTheDefault() {
        SourceRecord out = transform("delete.handling", "row").apply(record(Sample.REMOVE_TTL.bytes()));

        assertThat(row(out)).containsEntry("cdc_event_type", "REMOVE");
    }

    @ParameterizedTest(name = "output.format={0}")
    @ValueSource(strings = {"row", "envelope"})
    void dropReturnsNullForARemove(String format) {
        CdcTransform<SourceRecord> transform = transform("delete.handling", "drop", "output.format", format);

        assertThat(transform.apply(record(Sample.REMOVE_TTL.bytes()))).isNull();
        assertThat(transform.apply(record(Fixtures.decodeSchemaless(Sample.REMOVE_BIG_NUMBER.bytes())))).isNull();
    }

    @Test
    void tombstoneKeepsTheKeyAndNullsTheValueSchemaless() {
        SourceRecord in = record(Sample.REMOVE_TTL.bytes());

        SourceRecord out = transform("delete.handling", "tombstone").apply(in);

        assertThat(out.value()).isNull();
        assertThat(out.valueSchema()).isNull();
        assertThat(out.keySchema()).isNull();
        assertThat(out.key()).isEqualTo(Map.of("orderid", "4821"));
        assertThat(out.topic()).isEqualTo(in.topic());
        assertThat(out.kafkaPartition()).isEqualTo(in.kafkaPartition());
        assertThat(out.timestamp()).isEqualTo(in.timestamp());
    }

    @Test
    void tombstoneWithDeclaredFieldsKeepsAKeyStruct() {
        SourceRecord out = transform("delete.handling", "tombstone", "row.fields", "orderid:string,quantity:int")
                .apply(record(Sample.REMOVE_TTL.bytes()));

        assertThat(out.value()).isNull();
        assertThat(out.valueSchema()).isNull();
        assertThat(out.keySchema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(((Struct) out.key()).get("orderid")).isEqualTo("4821");
    }

    @Test
    void tombstoneWithEnvelopesKeepsTheEnvelopesKeyStruct() {
        CdcTransform<SourceRecord> transform = transform("delete.handling", "tombstone", "output.format", "envelope");

        SourceRecord tombstone = transform.apply(record(Sample.REMOVE_TTL.bytes()));
        SourceRecord insert = transform.apply(record(Sample.INSERT.bytes()));

        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.keySchema()).isEqualTo(insert.keySchema());
        assertThat(tombstone.key()).isEqualTo(insert.key());
    }

    @ParameterizedTest(name = "delete.handling={0}")
    @ValueSource(strings = {"drop", "tombstone"})
    void insertsAndModifiesAreUnaffected(String handling) {
        CdcTransform<SourceRecord> transform = transform("delete.handling", handling);

        assertThat(row(transform.apply(record(Sample.INSERT.bytes())))).containsEntry("cdc_event_type", "INSERT");
        assertThat(row(transform.apply(record(seedModify())))).containsEntry("cdc_event_type", "MODIFY");
    }

    @Test
    void aTombstoneIsNotCheckedAgainstDeclaredTypesOfTheOldImage() {
        byte[] oldImageDoesNotFit = Fixtures.edited(Sample.REMOVE_TTL.bytes(), tree ->
                Fixtures.image(tree, "OldImage").putObject("quantity").put("S", "three"));

        SourceRecord out = transform("delete.handling", "tombstone", "row.fields", "orderid:string,quantity:int")
                .apply(record(oldImageDoesNotFit));

        assertThat(out.value()).isNull();
    }
}
