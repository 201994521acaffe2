package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.lambda.FirehoseEvent.FirehoseRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorded events, loaded with AWS's own test library (aws-lambda-java-tests) and written back with
 * the serializer the Java runtime uses for Firehose events, then driven through the public handler: our
 * streaming reader must see exactly the records AWS's event model sees.
 */
class RecordedEventsTest {

    private static byte[] asTheRuntimeWritesIt(KinesisFirehoseEvent event) {
        PojoSerializer<KinesisFirehoseEvent> serializer =
                LambdaEventSerializers.serializerFor(KinesisFirehoseEvent.class, RecordedEventsTest.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(event, out);
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Test
    void ourReaderSeesTheRecordsAwsEventModelSees() {
        KinesisFirehoseEvent event = EventLoader.loadKinesisFirehoseEvent(Events.ORDERS);
        FirehoseEvent ours = new FirehoseEventReader().read(Events.resource(Events.ORDERS));

        assertThat(ours.invocationId()).isEqualTo(event.getInvocationId());
        assertThat(ours.deliveryStreamArn()).isEqualTo(event.getDeliveryStreamArn());
        assertThat(ours.region()).isEqualTo(event.getRegion());
        List<KinesisFirehoseEvent.Record> theirs = event.getRecords();
        assertThat(ours.records()).hasSameSizeAs(theirs);
        for (int i = 0; i < theirs.size(); i++) {
            FirehoseRecord record = ours.records().get(i);
            assertThat(record.recordId()).isEqualTo(theirs.get(i).getRecordId());
            assertThat(Base64.getDecoder().decode(record.data())).isEqualTo(bytes(theirs.get(i).getData()));
        }
    }

    @Test
    void theHandlerAnswersAnEventAsTheRuntimeSerializesIt() throws IOException {
        KinesisFirehoseEvent event = EventLoader.loadKinesisFirehoseEvent(Events.MIXED);
        TestContext context = new TestContext();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FirehoseTransformHandler().handleRequest(new ByteArrayInputStream(asTheRuntimeWritesIt(event)), out, context);

        JsonNode records = Events.JSON.readTree(out.toByteArray()).get("records");
        assertThat(records).hasSize(event.getRecords().size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("recordId").asText()).isEqualTo(event.getRecords().get(i).getRecordId());
        }
        assertThat(records).extracting(record -> record.get("result").asText())
                .containsExactly("Ok", "ProcessingFailed", "ProcessingFailed", "Ok");
        // A failed record goes back as the bytes that came in.
        for (int i : new int[] {1, 2}) {
            assertThat(Base64.getDecoder().decode(records.get(i).get("data").asText()))
                    .isEqualTo(bytes(event.getRecords().get(i).getData()));
        }
        assertThat(context.lines()).last().asString().contains("\"RecordsOk\":2", "\"RecordsFailed\":2");
    }

    @Test
    void everyOrderIsOkThroughTheHandler() throws IOException {
        KinesisFirehoseEvent event = EventLoader.loadKinesisFirehoseEvent(Events.ORDERS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FirehoseTransformHandler().handleRequest(new ByteArrayInputStream(asTheRuntimeWritesIt(event)), out, new TestContext());

        JsonNode records = Events.JSON.readTree(out.toByteArray()).get("records");
        assertThat(records).hasSize(5).allSatisfy(record -> {
            assertThat(record.get("result").asText()).isEqualTo("Ok");
            assertThat(Events.decoded(record)).endsWith("}\n");
            assertThat(record.get("metadata").get("partitionKeys").get("dt").asText()).isEqualTo("2025-11-01");
        });
    }
}
