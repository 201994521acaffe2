package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.NOW;
import static io.dynamocdc.transform.connect.Fixtures.edited;
import static io.dynamocdc.transform.connect.Fixtures.encodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.jsonFace;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.Version;
import io.dynamocdc.transform.connect.Fixtures.Sample;
import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** output.format=envelope: a Debezium-shaped change event Struct. */
class CdcTransformEnvelopeTest {

    static final String FIELDS = "orderid:string,product_name:string,quantity:int,price:decimal(10,2)";

    private final CdcTransform<SourceRecord> inferred = transform("output.format", "envelope");
    private final CdcTransform<SourceRecord> declared = transform("output.format", "envelope", "row.fields", FIELDS);

    private static Struct envelope(SourceRecord record) {
        Struct envelope = (Struct) record.value();
        envelope.validate();
        return envelope;
    }

    @Test
    void theEnvelopeSchemaIsNamedLikeDebeziumsWithItsFiveFields() {
        SourceRecord out = inferred.apply(record(Sample.INSERT.bytes()));

        assertThat(out.valueSchema().name()).isEqualTo("io.dynamocdc.OrdersRawTable.Envelope").endsWith(".Envelope");
        assertThat(out.valueSchema().fields()).extracting(Field::name)
                .containsExactly("before", "after", "source", "op", "ts_ms");
        assertThat(out.valueSchema().field("before").schema()).isEqualTo(out.valueSchema().field("after").schema());
        assertThat(out.valueSchema().field("after").schema().isOptional()).isTrue();
    }

    @Test
    void anInsertIsOpCWithOnlyAnAfterState() {
        Struct envelope = envelope(inferred.apply(record(Sample.INSERT.bytes())));

        assertThat(envelope.get("op")).isEqualTo("c");
        assertThat(envelope.get("before")).isNull();
        Struct after = envelope.getStruct("after");
        assertThat(after.get("orderid")).isEqualTo("4821");
        assertThat(after.get("product_name")).isEqualTo("Laptop");
        assertThat(after.get("quantity")).isEqualTo("2");
        assertThat(after.get("price")).isEqualTo("249.99");
    }

    @Test
    void aModifyIsOpUWithBeforeAndAfter() {
        Struct envelope = envelope(inferred.apply(record(seedModify())));

        assertThat(envelope.get("op")).isEqualTo("u");
        assertThat(envelope.getStruct("before").get("quantity")).isEqualTo("2");
        assertThat(envelope.getStruct("after").get("quantity")).isEqualTo("3");
    }

    @Test
    void aRemoveIsOpDWithTheOldImageBeforeAndNoAfter() {
        Struct envelope = envelope(inferred.apply(record(Sample.REMOVE_BIG_NUMBER.bytes())));

        assertThat(envelope.get("op")).isEqualTo("d");
        assertThat(envelope.get("after")).isNull();
        Struct before = envelope.getStruct("before");
        assertThat(before.get("orderid")).isEqualTo("77");
        assertThat(before.get("product_name")).isEqualTo("Headphones");
        assertThat(before.get("price")).isEqualTo(Fixtures.BIG_PRICE);
    }

    @Test
    void aRemoveWithoutOldImageHasTheKeyAsBefore() {
        byte[] keysOnly = edited(Sample.REMOVE_TTL.bytes(), tree -> Fixtures.dynamodb(tree).remove("OldImage"));

        Struct envelope = envelope(inferred.apply(record(keysOnly)));

        assertThat(envelope.get("op")).isEqualTo("d");
        assertThat(envelope.getStruct("before").schema().fields()).extracting(Field::name).containsExactly("orderid");
        assertThat(envelope.getStruct("before").get("orderid")).isEqualTo("4821");
    }

    @Test
    void sourceDescribesTheChangeAndTsMsIsTheClocksTime() {
        Struct envelope = envelope(inferred.apply(record(Sample.REMOVE_TTL.bytes())));

        assertThat(envelope.get("ts_ms")).isEqualTo(NOW.toEpochMilli());
        Struct source = envelope.getStruct("source");
        assertThat(source.get("version")).isEqualTo(Version.get());
        assertThat(source.get("connector")).isEqualTo("dynamodb");
        assertThat(source.get("name")).isEqualTo("dynamo-cdc");
        assertThat(source.get("ts_ms")).isEqualTo(1_761_962_400_000L);
        assertThat(source.get("ts_us")).isEqualTo(1_761_962_400_000_000L);
        assertThat(source.get("snapshot")).isEqualTo("false");
        assertThat(source.get("db")).isEqualTo("ap-south-1");
        assertThat(source.get("table")).isEqualTo("OrdersRawTable");
        assertThat(source.get("sequence_number")).isEqualTo("111100000000012345678904");
        assertThat(source.get("event_id")).isEqualTo(Sample.REMOVE_TTL.eventId);
        assertThat(source.get("stream_arn")).asString().startsWith("arn:aws:dynamodb:ap-south-1:123456789012:table/OrdersRawTable/");
        assertThat(source.get("ttl_delete")).isEqualTo(true);
    }

    @Test
    void theKeyIsAStructOfTheKeyAttributes() {
        SourceRecord out = inferred.apply(record(seedModify()));

        assertThat(out.keySchema().name()).isEqualTo("io.dynamocdc.OrdersRawTable.Key");
        assertThat(((Struct) out.key()).get("orderid")).isEqualTo("4821");
    }

    @Test
    void inferredColumnsKeepBooleansAndMakeEverythingElseText() {
        Struct after = envelope(inferred.apply(record(Fixtures.timestampedInsert()))).getStruct("after");

        assertThat(after.schema().field("gift").schema().type()).isEqualTo(Schema.Type.BOOLEAN);
        assertThat(after.get("gift")).isEqualTo(false);
        assertThat(after.schema().field("shipped_at").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(after.get("shipped_at")).isEqualTo("1761958800");
    }

    @Test
    void aColumnWhoseTypeDiffersBetweenImagesBecomesText() {
        byte[] bytes = edited(seedModify(), tree -> {
            Fixtures.image(tree, "OldImage").putObject("gift").put("BOOL", true);
            Fixtures.image(tree, "NewImage").putObject("gift").put("S", "wrapped");
        });

        Struct envelope = envelope(inferred.apply(record(bytes)));

        assertThat(envelope.getStruct("after").schema().field("gift").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(envelope.getStruct("before").get("gift")).isEqualTo("true");
        assertThat(envelope.getStruct("after").get("gift")).isEqualTo("wrapped");
    }

    @Test
    void anAttributeOnlyInTheOldImageIsAColumnWithNullAfter() {
        byte[] bytes = edited(seedModify(), tree -> Fixtures.image(tree, "OldImage").putObject("coupon").put("S", "SAVE10"));

        Struct envelope = envelope(inferred.apply(record(bytes)));

        assertThat(envelope.getStruct("before").get("coupon")).isEqualTo("SAVE10");
        assertThat(envelope.getStruct("after").get("coupon")).isNull();
    }

    @Test
    void inferredColumnsHoldEveryAttributeTypeAsText() {
        Struct after = envelope(inferred.apply(record(Fixtures.allTypesInsert()))).getStruct("after");

        assertThat(after.schema().fields()).extracting(Field::name).startsWith("orderid", "line");
        assertThat(after.get("line")).isEqualTo("2");
        assertThat(after.get("price")).isEqualTo("0.1");
        assertThat(after.get("gift")).isEqualTo(true);
        assertThat(after.get("note")).isNull();
        assertThat(after.get("thumbnail")).isEqualTo("AQID");
        assertThat(after.get("shipping")).isEqualTo("{\"city\":\"Pune\",\"zip\":411001,\"express\":false}");
        assertThat(after.get("history")).isEqualTo("[\"placed\",17,true]");
        assertThat(after.get("tags")).isEqualTo("[\"gift\",\"kitchen\"]");
        assertThat(after.get("weights")).isEqualTo("[1.5,20]");
        assertThat(after.get("blobs")).isEqualTo("[\"AQID\",\"BAUG\"]");
    }

    @Test
    void aSnapshotReadIsOpRMarkedAsSnapshot() {
        byte[] read = edited(Sample.INSERT.bytes(), tree -> tree.put("eventName", "READ"));

        Struct envelope = envelope(inferred.apply(record(read)));

        assertThat(envelope.get("op")).isEqualTo("r");
        assertThat(envelope.get("before")).isNull();
        assertThat(envelope.getStruct("after").get("orderid")).isEqualTo("4821");
        assertThat(envelope.getStruct("source").get("snapshot")).isEqualTo("true");
    }

    @Test
    void aKinesisRecordHasItsTableAndNoSequenceNumberInSource() {
        Struct source = envelope(inferred.apply(record(Fixtures.kinesisModify()))).getStruct("source");

        assertThat(source.get("table")).isEqualTo("OrdersRawTable");
        assertThat(source.get("sequence_number")).isNull();
        assertThat(source.get("stream_arn")).isNull();
        assertThat(source.get("ts_ms")).isEqualTo(1_761_955_205_123L);
    }

    @Test
    void declaredFieldsTypeBeforeAndAfter() {
        Struct envelope = envelope(declared.apply(record(seedModify())));

        Schema value = envelope.schema().field("after").schema();
        assertThat(value.fields()).extracting(Field::name).containsExactly("orderid", "product_name", "quantity", "price");
        assertThat(value.field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(envelope.getStruct("before").get("quantity")).isEqualTo(2);
        assertThat(envelope.getStruct("after").get("quantity")).isEqualTo(3);
        assertThat(envelope.getStruct("after").get("price")).isEqualTo(new BigDecimal("249.99"));
    }

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"INSERT", "MODIFY", "REMOVE_TTL"})
    void withDeclaredFieldsJsonConverterWritesTheJsonFacesEnvelope(Sample sample) {
        SourceRecord out = declared.apply(record(sample.bytes()));

        assertThat(encodeSchemaless(out.valueSchema(), out.value()))
                .isEqualTo(jsonFace(sample.bytes(), "output.format", "envelope", "row.fields", FIELDS));
    }

    @Test
    void recordsOfOneTableWithDifferentAttributesGetDifferentInferredSchemas() {
        Schema insert = inferred.apply(record(Sample.INSERT.bytes())).valueSchema();
        Schema timestamped = inferred.apply(record(Fixtures.timestampedInsert())).valueSchema();
        Schema insertAgain = inferred.apply(record(Sample.INSERT.bytes())).valueSchema();

        assertThat(timestamped).isNotEqualTo(insert);
        assertThat(insertAgain).isSameAs(insert);
    }
}
