package io.dynamocdc.transform;

import static io.dynamocdc.transform.Fixtures.json;
import static io.dynamocdc.transform.Fixtures.row;
import static io.dynamocdc.transform.Fixtures.transform;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowOutputTest {

    @Test
    void defaultRowIsTheSeedRow() {
        assertThat(row(transform(), "seed-modify.json")).isEqualTo(
                "{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":3,\"price\":249.99,"
                        + "\"cdc_event_type\":\"MODIFY\",\"creation_datetime\":\"2025-11-01T00:00:05Z\"}");
    }

    @Test
    void everyAttributeTypeBecomesPlainJsonWithKeysFirst() {
        String row = row(transform(), "all-types.json");

        assertThat(row).isEqualTo("{\"pk\":\"user#1\",\"sk\":42,"
                // Outside the BMP, Jackson (and so Kafka's JsonConverter) escapes the surrogate pair: same bytes on both faces.
                + "\"name\":\"Zoë \\\"Z\\\" \\uD83D\\uDE80\","
                // A number no double holds exactly keeps every digit as text (Kafka's JsonConverter cannot write it as a
                // schemaless number, and both paths write the same bytes); whole numbers and doubles stay numbers.
                + "\"balance\":\"-12345678901234567890.123456789012345678\","
                + "\"photo\":\"aGVsbG8=\",\"active\":true,\"nothing\":null,"
                + "\"address\":{\"city\":\"Pune\",\"zip\":411001,\"geo\":[18.52,73.85]},"
                + "\"history\":[\"a\",1000,false,null,{},[]],"
                + "\"tags\":[\"new\",\"vip\"],\"scores\":[1,2.5,0],\"blobs\":[\"AQID\",\"BAUG\"],"
                + "\"cdc_event_type\":\"INSERT\",\"creation_datetime\":\"2023-11-14T22:13:20.500000Z\"}");
    }

    @Test
    void removeRowComesFromTheOldImage() {
        assertThat(json(row(transform(), "kinesis-micros.json"))).isEqualTo(json(
                "{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me Today\",\"Awards\":1,"
                        + "\"cdc_event_type\":\"REMOVE\",\"creation_datetime\":\"2023-11-14T22:13:20.123456Z\"}"));
    }

    @Test
    void removeWithoutOldImageComesFromTheKeys() {
        assertThat(row(transform(), "keys-only-remove.json"))
                .isEqualTo("{\"orderid\":\"9\",\"cdc_event_type\":\"REMOVE\",\"creation_datetime\":\"2025-11-01T00:00:00Z\"}");
    }

    @Test
    void everyMetadataColumnOnRequest() {
        JsonTransform transform = transform("metadata.fields",
                "cdc_sequence_number,cdc_event_id,cdc_table,cdc_region,cdc_ttl_delete,cdc_old_image,cdc_event_type,creation_datetime");

        assertThat(row(transform, "seed-modify.json")).isEqualTo("{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":3,"
                + "\"price\":249.99,\"cdc_sequence_number\":\"111100000000012345678901\","
                + "\"cdc_event_id\":\"7de3041dd709b024af6f29e4fa13d34c\",\"cdc_table\":\"OrdersRawTable\","
                + "\"cdc_region\":\"ap-south-1\",\"cdc_ttl_delete\":false,"
                + "\"cdc_old_image\":{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":2,\"price\":249.99},"
                + "\"cdc_event_type\":\"MODIFY\",\"creation_datetime\":\"2025-11-01T00:00:05Z\"}");
    }

    @Test
    void ttlDeletesAreFlagged() {
        JsonTransform transform = transform("metadata.fields", "cdc_ttl_delete");

        assertThat(json(row(transform, "kinesis-micros.json")).get("cdc_ttl_delete").booleanValue()).isTrue();
        assertThat(json(row(transform, "keys-only-remove.json")).get("cdc_ttl_delete").booleanValue()).isFalse();
    }

    @Test
    void noMetadataAtAll() {
        assertThat(row(transform("metadata.fields", ""), "keys-only-remove.json")).isEqualTo("{\"orderid\":\"9\"}");
    }

    @Test
    void deletesCanBeDropped() {
        assertThat(row(transform("delete.handling", "drop"), "keys-only-remove.json")).isNull();
        assertThat(row(transform("delete.handling", "tombstone"), "kinesis-micros.json")).isNull();
        assertThat(row(transform("delete.handling", "drop"), "seed-modify.json")).isNotNull();
    }

    @Test
    void attributeNamedLikeAMetadataColumnIsAnErrorNotASilentOverwrite() {
        String record = Fixtures.text("seed-modify.json").replace("\"quantity\":{\"N\":\"3\"}", "\"cdc_event_type\":{\"S\":\"mine\"}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transform().apply(record.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("dynamodb.NewImage.cdc_event_type")
                .hasMessageContaining("7de3041dd709b024af6f29e4fa13d34c");
    }

    @Test
    void envelopeIsDebeziumShaped() {
        JsonTransform transform = transform("output.format", "envelope");

        assertThat(row(transform, "seed-modify.json")).isEqualTo("{"
                + "\"before\":{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":2,\"price\":249.99},"
                + "\"after\":{\"orderid\":\"4821\",\"product_name\":\"Laptop\",\"quantity\":3,\"price\":249.99},"
                + "\"source\":{\"version\":\"" + Version.get() + "\",\"connector\":\"dynamodb\",\"name\":\"dynamo-cdc\","
                + "\"ts_ms\":1761955205000,\"ts_us\":1761955205000000,\"snapshot\":\"false\",\"db\":\"ap-south-1\","
                + "\"table\":\"OrdersRawTable\",\"sequence_number\":\"111100000000012345678901\","
                + "\"event_id\":\"7de3041dd709b024af6f29e4fa13d34c\","
                + "\"stream_arn\":\"arn:aws:dynamodb:ap-south-1:123456789012:table/OrdersRawTable/stream/2025-10-01T00:00:00.000\","
                + "\"ttl_delete\":false},"
                + "\"op\":\"u\",\"ts_ms\":1767323045678}");
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void envelopeOperationsAndImages() {
        JsonTransform transform = transform("output.format", "envelope");

        var insert = json(row(transform, "kinesis-millis.json"));
        assertThat(insert.get("op").asText()).isEqualTo("c");
        assertThat(insert.get("before").isNull()).isTrue();
        assertThat(insert.get("after").get("AlbumTitle").asText()).isEqualTo("Somewhat Famous");

        var delete = json(row(transform, "kinesis-micros.json"));
        assertThat(delete.get("op").asText()).isEqualTo("d");
        assertThat(delete.get("after").isNull()).isTrue();
        assertThat(delete.get("before").get("Awards").asInt()).isEqualTo(1);
        assertThat(delete.get("source").get("ttl_delete").booleanValue()).isTrue();
        assertThat(delete.get("source").get("ts_us").asLong()).isEqualTo(1_700_000_000_123_456L);

        var keysOnly = json(row(transform, "keys-only-remove.json"));
        assertThat(keysOnly.get("before").toString()).isEqualTo("{\"orderid\":\"9\"}");
    }

    @Test
    void envelopeWithDeclaredFieldsIsTyped() {
        JsonTransform transform = transform("output.format", "envelope", "row.fields", "orderid:int,price:decimal(8,3)");

        assertThat(row(transform, "seed-modify.json"))
                .startsWith("{\"before\":{\"orderid\":4821,\"price\":249.990},\"after\":{\"orderid\":4821,\"price\":249.990},");
    }
}
