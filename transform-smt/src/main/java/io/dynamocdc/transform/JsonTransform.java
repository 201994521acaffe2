package io.dynamocdc.transform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The transform's JSON face: stream record bytes in, row (or envelope) bytes out. What the Lambda and
 * the CLI run. Build once, reuse for every record; thread-safe.
 */
public final class JsonTransform {

    private final TransformOptions options;
    private final ChangeEventParser parser = new ChangeEventParser();
    private final JsonChangeWriter writer;
    /** The single-pass path for plain untyped rows; {@code null} when the options are out of its scope. */
    private final FastRowPath fast;

    private JsonTransform(TransformOptions options, Clock clock) {
        this.options = options;
        this.writer = new JsonChangeWriter(options, clock);
        this.fast = FastRowPath.forOptions(options);
    }

    public static JsonTransform create(TransformOptions options) {
        return new JsonTransform(options, Clock.systemUTC());
    }

    /** With a given clock for the envelope's processing time ({@code ts_ms}), so output can be reproduced. */
    public static JsonTransform create(TransformOptions options, Clock clock) {
        return new JsonTransform(options, clock);
    }

    public TransformOptions options() {
        return options;
    }

    /** @throws InvalidRecordException when the bytes are no valid stream record */
    public ChangeEvent parse(byte[] record) {
        return parser.parse(record);
    }

    /** @throws InvalidRecordException when the bytes are no valid stream record */
    public ChangeEvent parse(byte[] record, int offset, int length) {
        return parser.parse(record, offset, length);
    }

    /** True when the options say this change produces no output (a REMOVE under drop or tombstone handling). */
    public boolean isDropped(ChangeEvent event) {
        return event.operation() == Operation.REMOVE && options.deleteHandling() != DeleteHandling.ROW;
    }

    /**
     * The change as JSON bytes (no trailing newline), or {@code null} when it is dropped.
     *
     * @throws InvalidRecordException when a value does not fit its declared column
     */
    public byte[] toJson(ChangeEvent event) {
        return render(event, false);
    }

    /**
     * The change as one line of JSON: the bytes of {@link #toJson} and a {@code \n}, as Athena's JSON SerDe
     * reads rows; {@code null} when it is dropped.
     *
     * @throws InvalidRecordException when a value does not fit its declared column
     */
    public byte[] toJsonLine(ChangeEvent event) {
        return render(event, true);
    }

    private byte[] render(ChangeEvent event, boolean newline) {
        if (isDropped(event)) {
            return null;
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator generator = ChangeEventParser.JSON.createGenerator(bytes)) {
            writer.write(event, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (newline) {
            bytes.append('\n');
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the change as JSON to {@code out} (no trailing newline), or nothing when it is dropped.
     * The row is complete before the first byte reaches {@code out}: a bad value never leaves half a row.
     *
     * @return false when the change was dropped
     * @throws InvalidRecordException when a value does not fit its declared column
     */
    public boolean writeJson(ChangeEvent event, OutputStream out) throws IOException {
        byte[] json = toJson(event);
        if (json == null) {
            return false;
        }
        out.write(json);
        return true;
    }

    /**
     * Record bytes to one JSON line (row or envelope, ending with {@code \n}) with the change's facts; the
     * line is {@code null} when the change is dropped. The same bytes as {@code toJsonLine(parse(record))},
     * made in one pass without building a {@link ChangeEvent} when the record allows it.
     *
     * @throws InvalidRecordException as {@link #parse} and {@link #toJsonLine} throw it
     */
    public TransformedLine transformLine(byte[] record) {
        return transformLine(record, 0, record.length);
    }

    /** As {@link #transformLine(byte[])}, for the record in {@code record[offset, offset + length)}. */
    public TransformedLine transformLine(byte[] record, int offset, int length) {
        if (fast != null) {
            TransformedLine line = fast.transformLine(record, offset, length);
            if (line != null) {
                return line;
            }
        }
        ChangeEvent event = parse(record, offset, length);
        return TransformedLine.of(event, toJsonLine(event));
    }

    /**
     * Record bytes to JSON bytes (no trailing newline); {@code null} when dropped. The same bytes as
     * {@code toJson(parse(record))}, made in one pass when the record allows it.
     *
     * @throws InvalidRecordException as {@link #parse} and {@link #toJson} throw it
     */
    public byte[] apply(byte[] record) {
        if (fast != null) {
            byte[] row = fast.apply(record, 0, record.length);
            if (row != FastRowPath.DECLINED) {
                return row;
            }
        }
        return toJson(parse(record));
    }
}
