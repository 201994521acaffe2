package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.BIG_PRICE;
import static io.dynamocdc.transform.connect.Fixtures.TOPIC;
import static io.dynamocdc.transform.connect.Fixtures.decodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.edited;
import static io.dynamocdc.transform.connect.Fixtures.encodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.jsonFace;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.timestampedInsert;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.transform.connect.Fixtures.Sample;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With row.fields declared, the row is a Struct of exactly those typed columns and the key a Struct. */
class CdcTransformTypedRowTest {

    static final String FIELDS = "orderid:string,quantity:int,price:decimal(10,2),missing:string";
    static final String TIMESTAMP_FIELDS = "orderid:string,quantity:long,price:decimal(10,2),ordered_at:timestamp,"
            + "shipped_at:timestamp,gift:boolean,product_name:json,weight:double";

    private final CdcTransform<SourceRecord> transform = transform("row.fields", FIELDS);

    @Test
    void theValueSchemaHoldsTheDeclaredColumnsThenTheMetadata() {
        SourceRecord out = transform.apply(record(seedModify()));

        Schema schema = out.valueSchema();
        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.fields()).extracting(Field::name)
                .containsExactly("orderid", "quantity", "price", "missing", "cdc_event_type", "creation_datetime");
        assertThat(schema.field("orderid").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("quantity").schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(schema.field("missing").schema().isOptional()).isTrue();
        assertThat(schema.field("cdc_event_type").schema().type()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void aDecimalColumnHasTheDecimalLogicalTypeWithScaleAndPrecision() {
        Schema price = transform.apply(record(seedModify())).valueSchema().field("price").schema();

        assertThat(price.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(price.type()).isEqualTo(Schema.Type.BYTES);
        assertThat(price.parameters())
                .containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry("connect.decimal.precision", "10");
        assertThat(price.isOptional()).isTrue();
    }

    @Test
    void theValueStructCarriesTypedValues() {
        Struct row = (Struct) transform.apply(record(seedModify())).value();

        row.validate();
        assertThat(row.get("orderid")).isEqualTo("4821");
        assertThat(row.get("quantity")).isEqualTo(3);
        assertThat(row.get("price")).isEqualTo(new BigDecimal("249.99"));
        assertThat(row.get("missing")).isNull();
        assertThat(row.get("cdc_event_type")).isEqualTo("MODIFY");
        assertThat(row.get("creation_datetime")).isEqualTo("2025-11-01T00:00:05Z");
    }

    @Test
    void aWholePriceIsScaledToTheColumnsScale() {
        byte[] bytes = edited(Sample.INSERT.bytes(), tree -> newImage(tree).putObject("price").put("N", "250"));

        Struct row = (Struct) transform.apply(record(bytes)).value();

        assertThat((BigDecimal) row.get("price")).isEqualByComparingTo("250").hasScaleOf(2);
    }

    @Test
    void timestampColumnsHaveTheTimestampLogicalTypeAndDateValues() {
        SourceRecord out = transform("row.fields", TIMESTAMP_FIELDS).apply(record(timestampedInsert()));

        Schema orderedAt = out.valueSchema().field("ordered_at").schema();
        assertThat(orderedAt.name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(orderedAt.type()).isEqualTo(Schema.Type.INT64);
        Struct row = (Struct) out.value();
        row.validate();
        assertThat(row.get("ordered_at")).isEqualTo(Date.from(Instant.parse("2025-11-01T00:00:05.250Z")));
        assertThat(row.get("shipped_at")).isEqualTo(Date.from(Instant.parse("2025-11-01T01:00:00Z")));
        assertThat(row.get("quantity")).isEqualTo(1L);
        assertThat(row.get("price")).isEqualTo(new BigDecimal("199.50"));
        assertThat(row.get("gift")).isEqualTo(false);
        assertThat(row.get("product_name")).isEqualTo("\"Monitor\"");
        assertThat(row.get("weight")).isNull();
        assertThat(out.valueSchema().field("weight").schema().type()).isEqualTo(Schema.Type.FLOAT64);
    }

    @Test
    void theKeyIsAStructTypedAsDeclared() {
        SourceRecord out = transform("row.fields", "orderid:int,quantity:int").apply(record(seedModify()));

        assertThat(out.keySchema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(out.keySchema().name()).isEqualTo("io.dynamocdc.OrdersRawTable.Key");
        assertThat(out.keySchema().fields()).extracting(Field::name).containsExactly("orderid");
        assertThat(((Struct) out.key()).get("orderid")).isEqualTo(4821);
        assertThat(((Struct) out.value()).get("orderid")).isEqualTo(4821);
    }

    @Test
    void anUndeclaredKeyAttributeIsInferredInTheKeyStruct() {
        SourceRecord out = transform("row.fields", "quantity:int").apply(record(seedModify()));

        Struct key = (Struct) out.key();
        key.validate();
        assertThat(key.schema().field("orderid").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(key.get("orderid")).isEqualTo("4821");
        assertThat(((Struct) out.value()).schema().field("orderid")).isNull();
    }

    @Test
    void aThirtyEightDigitNumberFitsADecimalOfPrecisionThirtyEightExactly() {
        SourceRecord out = transform("row.fields", "orderid:string,price:decimal(38,18)")
                .apply(record(Sample.INSERT_BIG_NUMBER.bytes()));

        assertThat(((Struct) out.value()).get("price")).isEqualTo(new BigDecimal(BIG_PRICE));
    }

    @Test
    void aMapInputGivesTheSameStructAsTheBytes() {
        SourceRecord fromBytes = transform.apply(record(seedModify()));
        SourceRecord fromMap = transform.apply(record(decodeSchemaless(seedModify())));

        assertThat(fromMap.value()).isEqualTo(fromBytes.value());
        assertThat(fromMap.key()).isEqualTo(fromBytes.key());
    }

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"INSERT", "MODIFY", "REMOVE_TTL"})
    void jsonConverterWritesTheJsonFacesTypedRow(Sample sample) {
        SourceRecord out = transform.apply(record(sample.bytes()));

        assertThat(encodeSchemaless(out.valueSchema(), out.value())).isEqualTo(jsonFace(sample.bytes(), "row.fields", FIELDS));
    }

    @Test
    void textThatIsNoNumberInAnIntColumnIsADataExceptionNamingPathEventAndTopic() {
        byte[] bytes = edited(Sample.INSERT.bytes(), tree -> newImage(tree).putObject("quantity").put("S", "abc"));

        assertThatThrownBy(() -> transform.apply(record(bytes)))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("dynamodb.NewImage.quantity")
                .hasMessageContaining(Sample.INSERT.eventId)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("abc");
    }

    @Test
    void aPriceWithMoreDecimalsThanTheScaleIsADataExceptionNotRounded() {
        byte[] bytes = edited(Sample.INSERT.bytes(), tree -> newImage(tree).putObject("price").put("N", "249.999"));

        assertThatThrownBy(() -> transform.apply(record(bytes)))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("dynamodb.NewImage.price")
                .hasMessageContaining(Sample.INSERT.eventId)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("249.999")
                .hasMessageContaining("decimal(10,2)");
    }

    @Test
    void aPriceWithTooManyDigitsForThePrecisionIsADataException() {
        assertThatThrownBy(() -> transform.apply(record(Sample.INSERT_BIG_NUMBER.bytes())))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("dynamodb.NewImage.price")
                .hasMessageContaining(Sample.INSERT_BIG_NUMBER.eventId);
    }

    @Test
    void aBadValueInARemovesOldImageIsNamedAtTheOldImage() {
        byte[] bytes = edited(Sample.REMOVE_TTL.bytes(), tree -> Fixtures.image(tree, "OldImage")
                .putObject("quantity").put("S", "three"));

        assertThatThrownBy(() -> transform.apply(record(bytes)))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("dynamodb.OldImage.quantity")
                .hasMessageContaining(Sample.REMOVE_TTL.eventId);
    }

    @Test
    void aBadValueFromAMapInputIsNamedTheSameWay() {
        byte[] bytes = edited(Sample.INSERT.bytes(), tree -> newImage(tree).putObject("quantity").put("S", "abc"));
        Map<String, Object> map = decodeSchemaless(bytes);

        assertThatThrownBy(() -> transform.apply(record(map)))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("dynamodb.NewImage.quantity")
                .hasMessageContaining(Sample.INSERT.eventId)
                .hasMessageContaining(TOPIC);
    }

    static ObjectNode newImage(ObjectNode record) {
        return Fixtures.image(record, "NewImage");
    }
}
