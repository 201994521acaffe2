package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.allTypesInsert;
import static io.dynamocdc.transform.connect.Fixtures.decodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.encodeSchemaless;
import static io.dynamocdc.transform.connect.Fixtures.jsonFace;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static io.dynamocdc.transform.connect.Fixtures.transform;
import static io.dynamocdc.transform.connect.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SMT accepts a raw stream record as a Map, String, byte[], ByteBuffer or Struct, and nothing else. */
class CdcTransformInputShapesTest {

    private final CdcTransform<SourceRecord> transform = transform();

    static Stream<Arguments> shapes() {
        return Stream.of(
                shape("Map decoded by JsonConverter (schemas.enable=false)", bytes -> record(decodeSchemaless(bytes))),
                shape("String", bytes -> record(Schema.OPTIONAL_STRING_SCHEMA, new String(bytes, StandardCharsets.UTF_8))),
                shape("byte[]", bytes -> record(Schema.OPTIONAL_BYTES_SCHEMA, bytes)),
                shape("ByteBuffer", bytes -> record(ByteBuffer.wrap(bytes))),
                shape("Struct (binaries as byte[])", bytes -> {
                    Struct struct = StreamRecordStructs.toStruct(bytes);
                    return record(struct.schema(), struct);
                }),
                shape("Struct (binaries as ByteBuffer)", bytes -> {
                    Struct struct = StreamRecordStructs.toStructWithByteBuffers(bytes);
                    return record(struct.schema(), struct);
                }));
    }

    private static Arguments shape(String name, Function<byte[], SourceRecord> wrap) {
        return Arguments.of(name, wrap);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyInputShapeGivesTheRowOfTheJsonFace(String shape, Function<byte[], SourceRecord> wrap) {
        for (byte[] bytes : List.of(seedModify(), allTypesInsert(), Fixtures.kinesisModify(), Fixtures.timestampedInsert())) {
            SourceRecord out = transform.apply(wrap.apply(bytes));

            assertThat(out.valueSchema()).isNull();
            assertThat(out.value()).isInstanceOf(Map.class);
            // JsonConverter decodes objects into HashMaps, so a Map input may reorder non-key attributes: compare as trees.
            assertThat(tree(encodeSchemaless(null, out.value()))).isEqualTo(tree(jsonFace(bytes)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyInputShapeSetsTheItemKey(String shape, Function<byte[], SourceRecord> wrap) {
        SourceRecord out = transform.apply(wrap.apply(allTypesInsert()));

        assertThat(out.keySchema()).isNull();
        assertThat(out.key()).isEqualTo(Map.of("orderid", "9001", "line", 2L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyInputShapePutsKeyAttributesFirst(String shape, Function<byte[], SourceRecord> wrap) {
        Map<String, Object> row = Fixtures.row(transform.apply(wrap.apply(allTypesInsert())));

        assertThat(row.keySet()).startsWith("orderid", "line").endsWith("cdc_event_type", "creation_datetime");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aMicrosecondCreationTimeSurvivesEveryShape(String shape, Function<byte[], SourceRecord> wrap) {
        byte[] bytes = Fixtures.edited(Fixtures.timestampedInsert(), tree -> Fixtures.dynamodb(tree)
                .put("ApproximateCreationDateTime", new BigDecimal("1761955205.123456")));

        assertThat(Fixtures.row(transform.apply(wrap.apply(bytes))))
                .containsEntry("creation_datetime", "2025-11-01T00:00:05.123456Z");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aKinesisRecordsMillisecondTimeAndTableAreReadInEveryShape(String shape, Function<byte[], SourceRecord> wrap) {
        CdcTransform<SourceRecord> withTable = transform("metadata.fields", "creation_datetime,cdc_table,cdc_sequence_number");

        assertThat(Fixtures.row(withTable.apply(wrap.apply(Fixtures.kinesisModify()))))
                .containsEntry("creation_datetime", "2025-11-01T00:00:05.123000Z")
                .containsEntry("cdc_table", "OrdersRawTable")
                .containsEntry("cdc_sequence_number", null);
    }

    @Test
    void aStructWhoseCreationTimeIsATimestampIsRead() {
        Struct struct = StreamRecordStructs.toStructWithTimestampTime(Fixtures.timestampedInsert());

        assertThat(Fixtures.row(transform.apply(record(struct.schema(), struct))))
                .containsEntry("creation_datetime", "2025-11-01T00:00:05.250000Z");
    }

    @Test
    void textAndBytesKeepTheImageOrderExactly() {
        byte[] bytes = allTypesInsert();
        String expected = jsonFace(bytes);

        Object fromText = transform.apply(record(new String(bytes, StandardCharsets.UTF_8))).value();
        Object fromBytes = transform.apply(record(bytes)).value();

        assertThat(encodeSchemaless(null, fromText)).isEqualTo(expected);
        assertThat(encodeSchemaless(null, fromBytes)).isEqualTo(expected);
    }

    @Test
    void aStructWithBinariesGivesThemAsBase64() {
        Struct struct = StreamRecordStructs.toStruct(allTypesInsert());

        Map<String, Object> row = Fixtures.row(transform.apply(record(struct.schema(), struct)));

        assertThat(row).containsEntry("thumbnail", "AQID").containsEntry("blobs", List.of("AQID", "BAUG"));
    }

    @Test
    void anUnsupportedValueTypeIsADataExceptionNamingTheClass() {
        SourceRecord input = record(Schema.INT32_SCHEMA, 42);

        assertThatThrownBy(() -> transform.apply(input))
                .isExactlyInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining(Fixtures.TOPIC);
    }

    @Test
    void aNullValuePassesThroughUnchanged() {
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), Fixtures.TOPIC, 0,
                Schema.STRING_SCHEMA, "4821", null, null, Fixtures.RECORD_TIMESTAMP);

        assertThat(transform.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void aHeartbeatOfTheSourceConnectorPassesThroughUnchanged() {
        org.apache.kafka.connect.header.ConnectHeaders headers = new org.apache.kafka.connect.header.ConnectHeaders();
        headers.addBoolean(CdcTransform.HEARTBEAT_HEADER, true);
        SourceRecord heartbeat = new SourceRecord(Map.of("shard_id", "s"), Map.of("deliver_from", 1L), "__dynamo-cdc-heartbeat.cdc",
                null, null, Map.of("table", "orders"), null, Map.of("ts_ms", 1L), 1L, headers);

        assertThat(transform.apply(heartbeat)).isSameAs(heartbeat);
    }

    @Test
    void aRecordWithoutTheHeartbeatHeaderIsStillChecked() {
        SourceRecord notAChange = record(Map.of("ts_ms", 1L));

        assertThatThrownBy(() -> transform.apply(notAChange)).isExactlyInstanceOf(DataException.class);
    }
}
