package io.dynamocdc.transform;

import static io.dynamocdc.transform.EnvelopeFields.*;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes a change as JSON: a flat row or a Debezium-compatible envelope, as the options say. The JSON
 * face of the transform (Lambda, CLI); the Connect face builds the same content as Maps and Structs.
 */
final class JsonChangeWriter {

    private final TransformOptions options;
    private final Clock clock;

    JsonChangeWriter(TransformOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    void write(ChangeEvent event, JsonGenerator out) throws IOException {
        if (options.outputFormat() == OutputFormat.ENVELOPE) {
            writeEnvelope(event, out);
        } else {
            writeRow(event, out);
        }
    }

    private void writeRow(ChangeEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        writeColumns(event, event.rowImage(), event.rowImageField(), options.metadataFields(), out);
        for (MetadataField field : options.metadataFields()) {
            out.writeFieldName(field.column());
            writeMetadata(event, field, out);
        }
        out.writeEndObject();
    }

    private void writeColumns(ChangeEvent event, Item image, String imageField, List<MetadataField> metadata,
                              JsonGenerator out) throws IOException {
        if (options.hasRowSchema()) {
            for (FieldSpec field : options.rowFields().fields()) {
                out.writeFieldName(field.name());
                writeTyped(RowColumns.typedValue(event, image, imageField, field), out);
            }
        } else {
            RowColumns.forEachAttribute(event, image, imageField, metadata, (name, value) -> {
                out.writeFieldName(name);
                PlainJson.write(out, value);
            });
        }
    }

    private void writeEnvelope(ChangeEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(BEFORE);
        writeImage(event, event.envelopeBefore(), "dynamodb.OldImage", out);
        out.writeFieldName(AFTER);
        writeImage(event, event.envelopeAfter(), "dynamodb.NewImage", out);
        out.writeFieldName(SOURCE);
        writeSource(event, out);
        out.writeStringField(OP, event.operation().code());
        out.writeNumberField(TS_MS, clock.millis());
        out.writeEndObject();
    }

    private void writeImage(ChangeEvent event, Item image, String imageField, JsonGenerator out) throws IOException {
        if (image == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        writeColumns(event, image, imageField, List.of(), out);
        out.writeEndObject();
    }

    private void writeSource(ChangeEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField(SOURCE_VERSION, Version.get());
        out.writeStringField(SOURCE_CONNECTOR, CONNECTOR);
        out.writeStringField(SOURCE_NAME, NAME);
        out.writeNumberField(SOURCE_TS_MS, event.creationTimeMillis());
        out.writeNumberField(SOURCE_TS_US, event.creationTimeMicros());
        out.writeStringField(SOURCE_SNAPSHOT, event.operation() == Operation.READ ? "true" : "false");
        writeNullableString(SOURCE_DB, event.awsRegion(), out);
        writeNullableString(SOURCE_TABLE, event.tableName(), out);
        writeNullableString(SOURCE_SEQUENCE_NUMBER, event.sequenceNumber(), out);
        writeNullableString(SOURCE_EVENT_ID, event.eventId(), out);
        writeNullableString(SOURCE_STREAM_ARN, event.eventSourceArn(), out);
        out.writeBooleanField(SOURCE_TTL_DELETE, event.isTtlDelete());
        out.writeEndObject();
    }

    private void writeMetadata(ChangeEvent event, MetadataField field, JsonGenerator out) throws IOException {
        Object value = field.value(event);
        if (value instanceof Item oldImage) {
            if (options.hasRowSchema()) {
                out.writeString(PlainJson.toText(oldImage));
            } else {
                PlainJson.writeItem(out, oldImage);
            }
        } else {
            writeTyped(value, out);
        }
    }

    private static void writeTyped(Object value, JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d.toPlainString());
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Instant t) {
            out.writeString(UtcTimestamps.format(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000));
        } else {
            throw new IllegalStateException("no JSON form for " + value.getClass());
        }
    }

    private static void writeNullable(String value, JsonGenerator out) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void writeNullableString(String name, String value, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        writeNullable(value, out);
    }
}
