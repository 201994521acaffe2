package io.dynamocdc.transform;

import static io.dynamocdc.transform.Fixtures.bytes;
import static io.dynamocdc.transform.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordShapesTest {

    private final ChangeEventParser parser = new ChangeEventParser();

    @Test
    void streamsRecordAsLambdaAndPipesDeliverIt() {
        ChangeEvent event = parser.parse(bytes("seed-modify.json"));

        assertThat(event.format()).isEqualTo(RecordFormat.DYNAMODB_STREAMS);
        assertThat(event.operation()).isEqualTo(Operation.MODIFY);
        assertThat(event.eventId()).isEqualTo("7de3041dd709b024af6f29e4fa13d34c");
        assertThat(event.eventVersion()).isEqualTo("1.1");
        assertThat(event.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(event.awsRegion()).isEqualTo("ap-south-1");
        assertThat(event.creationTimeMicros()).isEqualTo(1_761_955_205_000_000L);
        assertThat(event.keys().names()).containsExactly("orderid");
        assertThat(event.newImage().get("quantity")).isEqualTo(new AttributeValue.N("3"));
        assertThat(event.oldImage().get("quantity")).isEqualTo(new AttributeValue.N("2"));
        assertThat(event.sequenceNumber()).isEqualTo("111100000000012345678901");
        assertThat(event.sizeBytes()).isEqualTo(142);
        assertThat(event.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(event.tableName()).isEqualTo("OrdersRawTable");
        assertThat(event.isTtlDelete()).isFalse();
    }

    @Test
    void kinesisRecordInMillisecondsWithoutPrecisionField() {
        ChangeEvent event = parser.parse(bytes("kinesis-millis.json"));

        assertThat(event.format()).isEqualTo(RecordFormat.KINESIS_DATA_STREAMS);
        assertThat(event.creationTimeMicros()).isEqualTo(1_700_000_000_123_000L);
        assertThat(event.tableName()).isEqualTo("Music");
        assertThat(event.sequenceNumber()).isNull();
        assertThat(event.keys().names()).containsExactly("Artist", "SongTitle");
    }

    @Test
    void kinesisRecordInMicrosecondsIsATtlDelete() {
        ChangeEvent event = parser.parse(bytes("kinesis-micros.json"));

        assertThat(event.creationTimeMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(event.operation()).isEqualTo(Operation.REMOVE);
        assertThat(event.isTtlDelete()).isTrue();
        assertThat(event.rowImage()).isSameAs(event.oldImage());
    }

    @Test
    void kinesisMicrosecondsAreRecognisedByMagnitudeWhenPrecisionIsAbsent() {
        String record = Fixtures.text("kinesis-micros.json").replace("\"ApproximateCreationDateTimePrecision\":\"MICROSECOND\",", "");

        assertThat(parser.parse(record.getBytes(StandardCharsets.UTF_8)).creationTimeMicros()).isEqualTo(1_700_000_000_123_456L);
    }

    @Test
    void fractionalEpochSecondsKeepMicroseconds() {
        String record = Fixtures.text("seed-modify.json").replace("1761955205", "1761955205.123456");

        assertThat(parser.parse(record.getBytes(StandardCharsets.UTF_8)).creationTimeMicros()).isEqualTo(1_761_955_205_123_456L);
    }

    @Test
    void isoTimeAsTheAwsCliPrintsIt() {
        String record = Fixtures.text("seed-modify.json").replace("1761955205", "\"2025-11-01T05:30:05+05:30\"");

        assertThat(parser.parse(record.getBytes(StandardCharsets.UTF_8)).creationTimeMicros()).isEqualTo(1_761_955_205_000_000L);
    }

    @Test
    void connectorRecordIsTheStreamsShape() {
        // The connector emits shape 1 exactly: the same bytes read the same way.
        ChangeEvent fromPipe = parser.parse(bytes("seed-modify.json"));
        ChangeEvent fromConnector = parser.parse(map(bytes("seed-modify.json")));

        assertThat(fromConnector.format()).isEqualTo(fromPipe.format());
        assertThat(fromConnector.keys()).isEqualTo(fromPipe.keys());
        assertThat(fromConnector.newImage()).isEqualTo(fromPipe.newImage());
        assertThat(fromConnector.oldImage()).isEqualTo(fromPipe.oldImage());
        assertThat(fromConnector.creationTimeMicros()).isEqualTo(fromPipe.creationTimeMicros());
        assertThat(fromConnector.sequenceNumber()).isEqualTo(fromPipe.sequenceNumber());
        assertThat(fromConnector.eventSourceArn()).isEqualTo(fromPipe.eventSourceArn());
    }

    @Test
    void decodedMapAndBytesAgreeForEveryFixture() {
        for (String fixture : new String[] {"seed-modify.json", "kinesis-millis.json", "kinesis-micros.json", "all-types.json",
                "keys-only-remove.json"}) {
            ChangeEvent fromBytes = parser.parse(bytes(fixture));
            ChangeEvent fromMap = parser.parse(map(bytes(fixture)));
            JsonTransform transform = Fixtures.transform("metadata.fields", "cdc_event_type,creation_datetime,cdc_table,cdc_ttl_delete");
            assertThat(transform.toJson(fromMap)).as(fixture).isEqualTo(transform.toJson(fromBytes));
        }
    }

    @Test
    void unknownFieldsAreSkippedSoNewAwsFieldsNeverBreakAPipeline() {
        String record = Fixtures.text("seed-modify.json")
                .replace("\"eventVersion\"", "\"futureField\":{\"nested\":[1,2,{\"x\":null}]},\"eventVersion\"")
                .replace("\"SizeBytes\"", "\"FutureDynamoField\":\"x\",\"SizeBytes\"");

        assertThat(parser.parse(record.getBytes(StandardCharsets.UTF_8)).operation()).isEqualTo(Operation.MODIFY);
    }

    @Test
    void keysOnlyRemoveBuildsItsRowFromTheKey() {
        ChangeEvent event = parser.parse(bytes("keys-only-remove.json"));

        assertThat(event.oldImage()).isNull();
        assertThat(event.rowImage()).isEqualTo(event.keys());
        assertThat(event.rowImageField()).isEqualTo("dynamodb.Keys");
        assertThat(event.tableName()).isNull();
    }
}
