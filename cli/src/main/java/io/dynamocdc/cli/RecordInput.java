package io.dynamocdc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.dynamocdc.transform.StreamRecordFields;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits CLI input into single stream records. Two layouts: JSON lines (one record per line; a line
 * that is not JSON is reported and the next line read) and JSON documents holding {@code Records}
 * (or records pretty-printed over several lines), read as a stream of JSON values. The first line
 * decides: a complete JSON object without {@code Records} means JSON lines.
 */
final class RecordInput {

    /** Receives each record with the line it starts on, or a fault that spoils no other record. */
    interface Handler {
        void record(byte[] json, int line) throws IOException;

        void bad(int line, String reason);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int PEEK_LIMIT = 8 << 20;

    private RecordInput() {
    }

    static void read(InputStream raw, Handler handler) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(PEEK_LIMIT);
        byte[] first = readLine(in, PEEK_LIMIT / 2);
        while (first != null && isBlank(first)) {
            first = readLine(in, PEEK_LIMIT / 2);
        }
        in.reset();
        if (first == null) {
            return;
        }
        // A first line too long to peek at whole is a (huge) JSON line, not a document's opening.
        if (first.length >= PEEK_LIMIT / 2 || isSingleRecord(first)) {
            readLines(in, handler);
        } else {
            readDocuments(in, handler);
        }
    }

    private static void readLines(InputStream in, Handler handler) throws IOException {
        int line = 0;
        byte[] bytes;
        while ((bytes = readLine(in, Integer.MAX_VALUE)) != null) {
            line++;
            if (!isBlank(bytes)) {
                handler.record(bytes, line);
            }
        }
    }

    private static void readDocuments(InputStream in, Handler handler) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    handler.bad(line, "expected a stream record or a document holding \"Records\", found " + token.asString());
                    parser.skipChildren();
                    continue;
                }
                readObject(parser, handler, line);
            }
        } catch (JsonProcessingException e) {
            handler.bad(e.getLocation().getLineNr(), "malformed JSON, the rest of the input is unreadable: " + e.getOriginalMessage());
        }
    }

    /** A top-level object: a Records wrapper whose records are handed on one by one, or itself a record. */
    private static void readObject(JsonParser parser, Handler handler, int line) throws IOException {
        ByteArrayBuilder record = new ByteArrayBuilder(1024);
        boolean sawRecords = false;
        try (JsonGenerator copy = JSON.createGenerator(record)) {
            copy.writeStartObject();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (name.equals(StreamRecordFields.RECORDS) && value == JsonToken.START_ARRAY) {
                    sawRecords = true;
                    readRecords(parser, handler);
                } else {
                    copy.writeFieldName(name);
                    copy.copyCurrentStructure(parser);
                }
            }
            copy.writeEndObject();
        }
        if (!sawRecords) {
            handler.record(record.toByteArray(), line);
        }
    }

    private static void readRecords(JsonParser parser, Handler handler) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int line = parser.currentTokenLocation().getLineNr();
            ByteArrayBuilder record = new ByteArrayBuilder(1024);
            try (JsonGenerator copy = JSON.createGenerator(record)) {
                copy.copyCurrentStructure(parser);
            }
            if (token != JsonToken.START_OBJECT) {
                handler.bad(line, "expected a stream record (a JSON object) in \"Records\", found " + token.asString());
                continue;
            }
            handler.record(record.toByteArray(), line);
        }
    }

    /** True when the line alone is one complete JSON object without a Records list. */
    private static boolean isSingleRecord(byte[] line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String name;
            while ((name = parser.nextFieldName()) != null) {
                if (name.equals(StreamRecordFields.RECORDS)) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return parser.nextToken() == null;
        } catch (IOException e) {
            // Not a complete object on one line: a pretty-printed document, or a broken first line of
            // JSON lines; the document reader reports the latter with its line number.
            return isLikelyBrokenLine(line);
        }
    }

    /** A first line that starts an object and has content after the brace is a broken JSON line, not a document's opening. */
    private static boolean isLikelyBrokenLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8).trim();
        return text.startsWith("{") && text.length() > 1 && text.contains("\"eventName\"");
    }

    /** The next line without its line break, at most {@code limit} bytes of it; null at the end. */
    private static byte[] readLine(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        int b;
        boolean any = false;
        while (line.size() < limit && (b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
