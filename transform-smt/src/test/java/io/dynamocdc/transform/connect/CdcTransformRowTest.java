package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.BIG_PRICE;
import static io.dynamocdc.transform.connect.Fixtures.encodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.jsonFace;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.row;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static io.dynamocdc.transform.connect.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynamocdc.transform.connect.Fixtures.Sample;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Default output: a schemaless row Map (the seed's row), the item key as a Map. */
class CdcTransformRowTest {

    private final CdcTransform<SourceRecord> transform = transform();

    @Test
    void theSeedModifyBecomesTheSeedsRow() {
        SourceRecord out = transform.apply(record(seedModify()));

        assertThat(out.valueSchema()).isNull();
        assertThat(row(out)).containsExactly(
                Map.entry("orderid", "4821"),
                Map.entry("product_name", "Laptop"),
                Map.entry("quantity", 3L),
                Map.entry("price", 249.99),
                Map.entry("cdc_event_type", "MODIFY"),
                Map.entry("creation_datetime", "2025-11-01T00:00:05Z"));
    }

    @Test
    void theKeyBecomesAMapOfTheKeyAttributes() {
        SourceRecord out = transform.apply(record(seedModify()));

        assertThat(out.keySchema()).isNull();
        assertThat(out.key()).isEqualTo(Map.of("orderid", "4821"));
    }

    @Test
    void topicPartitionTimestampAndHeadersAreKept() {
        SourceRecord in = record(seedModify());

        SourceRecord out = transform.apply(in);

        assertThat(out.topic()).isEqualTo(in.topic());
        assertThat(out.kafkaPartition()).isEqualTo(in.kafkaPartition());
        assertThat(out.timestamp()).isEqualTo(in.timestamp());
        assertThat(out.headers()).isEqualTo(in.headers());
        assertThat(out.sourcePartition()).isEqualTo(in.sourcePartition());
        assertThat(out.sourceOffset()).isEqualTo(in.sourceOffset());
    }

    static Stream<Sample> samplesWithoutBigNumbers() {
        return Arrays.stream(Sample.values()).filter(sample -> !sample.hasBigNumber());
    }

    @ParameterizedTest
    @MethodSource("samplesWithoutBigNumbers")
    void jsonConverterWritesTheJsonFacesRowByteForByte(Sample sample) {
        SourceRecord out = transform.apply(record(sample.bytes()));

        assertThat(encodeSchemaless(out.valueSchema(), out.value())).isEqualTo(jsonFace(sample.bytes()));
    }

    @Test
    void theSeedRecordSerialisesLikeTheJsonFace() {
        SourceRecord out = transform.apply(record(seedModify()));

        assertThat(encodeSchemaless(null, out.value())).isEqualTo(jsonFace(seedModify()));
    }

    @ParameterizedTest
    @EnumSource(value = Sample.class, names = {"INSERT_BIG_NUMBER", "REMOVE_BIG_NUMBER"})
    void aThirtyEightDigitPriceIsKeptExactlyAsText(Sample sample) {
        SourceRecord out = transform.apply(record(sample.bytes()));

        assertThat(row(out).get("price")).isEqualTo(BIG_PRICE);
        String json = encodeSchemaless(null, out.value());
        assertThat(json).contains("\"price\":\"" + BIG_PRICE + "\"");
        // The JSON face writes the same bytes.
        assertThat(json).isEqualTo(jsonFace(sample.bytes()));
        assertThat(new BigDecimal(tree(json).get("price").textValue())).isEqualTo(new BigDecimal(BIG_PRICE));
    }

    @Test
    void aRemoveRowComesFromTheOldImage() {
        SourceRecord out = transform.apply(record(Sample.REMOVE_TTL.bytes()));

        assertThat(row(out)).containsExactly(
                Map.entry("orderid", "4821"),
                Map.entry("product_name", "Laptop"),
                Map.entry("quantity", 3L),
                Map.entry("price", 249.99),
                Map.entry("cdc_event_type", "REMOVE"),
                Map.entry("creation_datetime", "2025-11-01T02:00:00Z"));
        assertThat(out.key()).isEqualTo(Map.of("orderid", "4821"));
    }

    @Test
    void aRemoveWithoutOldImageGivesARowOfTheKey() {
        byte[] keysOnly = Fixtures.edited(Sample.REMOVE_TTL.bytes(), tree -> Fixtures.dynamodb(tree).remove("OldImage"));

        SourceRecord out = transform.apply(record(keysOnly));

        assertThat(row(out)).containsOnlyKeys("orderid", "cdc_event_type", "creation_datetime")
                .containsEntry("orderid", "4821")
                .containsEntry("cdc_event_type", "REMOVE");
        assertThat(encodeSchemaless(null, out.value())).isEqualTo(jsonFace(keysOnly));
    }

    @Test
    void everyMetadataColumnMatchesTheJsonFace() {
        String[] config = {"metadata.fields",
                "cdc_event_type,creation_datetime,cdc_sequence_number,cdc_event_id,cdc_table,cdc_region,cdc_ttl_delete,cdc_old_image"};
        CdcTransform<SourceRecord> withMetadata = transform(config);

        for (byte[] bytes : new byte[][] {seedModify(), Sample.INSERT.bytes(), Sample.REMOVE_TTL.bytes()}) {
            SourceRecord out = withMetadata.apply(record(bytes));
            assertThat(encodeSchemaless(null, out.value())).isEqualTo(jsonFace(bytes, config));
        }
    }

    @Test
    void metadataColumnsCarryTheRecordsFacts() {
        CdcTransform<SourceRecord> withMetadata = transform("metadata.fields",
                "cdc_sequence_number,cdc_event_id,cdc_table,cdc_region,cdc_ttl_delete,cdc_old_image");

        Map<String, Object> ttl = row(withMetadata.apply(record(Sample.REMOVE_TTL.bytes())));
        Map<String, Object> modify = row(withMetadata.apply(record(seedModify())));
        Map<String, Object> insert = row(withMetadata.apply(record(Sample.INSERT.bytes())));

        assertThat(ttl).containsEntry("cdc_sequence_number", "111100000000012345678904")
                .containsEntry("cdc_event_id", Sample.REMOVE_TTL.eventId)
                .containsEntry("cdc_table", "OrdersRawTable")
                .containsEntry("cdc_region", "ap-south-1")
                .containsEntry("cdc_ttl_delete", true)
                .doesNotContainKeys("cdc_event_type", "creation_datetime");
        assertThat(modify).containsEntry("cdc_ttl_delete", false)
                .containsEntry("cdc_old_image", Map.of("orderid", "4821", "product_name", "Laptop", "quantity", 2L, "price", 249.99));
        assertThat(insert).containsEntry("cdc_old_image", null);
    }

    @Test
    void anEmptyMetadataListGivesTheItemAlone() {
        Map<String, Object> row = row(transform("metadata.fields", "").apply(record(seedModify())));

        assertThat(row).containsOnlyKeys("orderid", "product_name", "quantity", "price");
    }

    @Test
    void aFractionalCreationTimeKeepsItsMicroseconds() {
        Map<String, Object> row = row(transform.apply(record(Fixtures.timestampedInsert())));

        assertThat(row).containsEntry("creation_datetime", "2025-11-01T00:00:05.250000Z");
    }
}
