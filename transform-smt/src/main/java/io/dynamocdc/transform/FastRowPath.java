package io.dynamocdc.transform;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The common case, fast: one pass over a DynamoDB Streams record's UTF-8 bytes that checks the whole
 * record as strictly as {@link ChangeEventParser} does and writes the untyped row's bytes directly, with
 * no Jackson tokens, no Strings per attribute and no {@link ChangeEvent}.
 *
 * <p>The contract, which {@code FastRowPathTest} checks: whenever this path answers, its bytes are the
 * very bytes of {@code toJson(parse(record))}, and whenever the parser would refuse the record, this path
 * declines. It declines (returns null, and {@link JsonTransform} takes the parser and writer) whenever it
 * is not certain:
 * <ul>
 *   <li>options other than {@code output.format=row} without {@code row.fields} and without
 *       {@code cdc_old_image} (decided once, in {@link #forOptions});</li>
 *   <li>any byte of the record outside printable ASCII, any backslash escape (anywhere, skipped fields
 *       too), any string longer than {@value #MAX_STRING_BYTES} bytes, any number token longer than
 *       {@value #MAX_NUMBER_CHARS} chars;</li>
 *   <li>Kinesis-shaped records ({@code tableName}, {@code recordFormat}); an
 *       {@code ApproximateCreationDateTime} that is not whole, non-negative epoch seconds;</li>
 *   <li>a known field given twice; an {@code N} that is no JSON number (DynamoDB never sends one, the
 *       parser re-spells {@code +5}) or a bare JSON number where DynamoDB sends a string;</li>
 *   <li>attribute values nested deeper than {@value #MAX_ATTRIBUTE_DEPTH} levels, other JSON deeper than
 *       {@value #MAX_SKIP_DEPTH}, more than {@value #MAX_NAMES} attribute names in one record;</li>
 *   <li>every record the parser refuses (bad types, bad numbers or base64, two type descriptors,
 *       duplicate attribute names, missing eventName, Keys or time, malformed JSON, trailing content), and
 *       an attribute named like a chosen metadata column.</li>
 * </ul>
 *
 * <p>Thread-safe: the state of a scan (positions, output buffer) lives in a per-thread {@link Scan}.
 */
final class FastRowPath {

    /** Attribute values nest at most this deep here (the parser allows {@link Limits#MAX_ATTRIBUTE_DEPTH}). */
    static final int MAX_ATTRIBUTE_DEPTH = 8;
    /** JSON nesting of fields stepped over (unknown fields, userIdentity's other members). */
    static final int MAX_SKIP_DEPTH = 16;
    /** Longest string (names too) taken, in bytes: far below every limit of the parser. */
    static final int MAX_STRING_BYTES = 4096;
    /** Longest JSON number token taken. */
    static final int MAX_NUMBER_CHARS = 64;
    /** Attribute names held at once: those of Keys, NewImage and OldImage, and of the maps being read. */
    static final int MAX_NAMES = 1024;
    /** Epoch seconds must stay below this (as {@link CreationTimes} requires of DynamoDB Streams times). */
    private static final long MAX_SECONDS = 100_000_000_000L;
    /** An output buffer grown beyond this is not kept for the next record. */
    private static final int KEPT_BUFFER = 1 << 16;

    /**
     * Since JDK 19, {@link Double#toString(double)} gives the shortest decimal that rounds to the double
     * (JDK-4511638); a decimal of at most 15 significant digits is then its own spelling (see
     * {@link Scan#spellsItself}). Before, that holds for the decimals checked one by one (up to two fraction
     * digits); any other is checked by calling it.
     */
    private static final boolean SHORTEST_DOUBLE_TO_STRING = Runtime.version().feature() >= 19;

    /** The bytes a string's content may hold here as they are: printable ASCII (and DEL) but quote and backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private static final byte[] EVENT_ID = ascii(StreamRecordFields.EVENT_ID);
    private static final byte[] EVENT_NAME = ascii(StreamRecordFields.EVENT_NAME);
    private static final byte[] EVENT_VERSION = ascii(StreamRecordFields.EVENT_VERSION);
    private static final byte[] EVENT_SOURCE = ascii(StreamRecordFields.EVENT_SOURCE);
    private static final byte[] AWS_REGION = ascii(StreamRecordFields.AWS_REGION);
    private static final byte[] EVENT_SOURCE_ARN = ascii(StreamRecordFields.EVENT_SOURCE_ARN);
    private static final byte[] USER_IDENTITY = ascii(StreamRecordFields.USER_IDENTITY);
    private static final byte[] USER_IDENTITY_TYPE = ascii(StreamRecordFields.USER_IDENTITY_TYPE);
    private static final byte[] USER_IDENTITY_PRINCIPAL = ascii(StreamRecordFields.USER_IDENTITY_PRINCIPAL);
    private static final byte[] TABLE_NAME = ascii(StreamRecordFields.TABLE_NAME);
    private static final byte[] RECORD_FORMAT = ascii(StreamRecordFields.RECORD_FORMAT);
    private static final byte[] DYNAMODB = ascii(StreamRecordFields.DYNAMODB);
    private static final byte[] CREATION_TIME = ascii(StreamRecordFields.APPROXIMATE_CREATION_DATE_TIME);
    private static final byte[] CREATION_TIME_PRECISION = ascii(StreamRecordFields.APPROXIMATE_CREATION_DATE_TIME_PRECISION);
    private static final byte[] KEYS = ascii(StreamRecordFields.KEYS);
    private static final byte[] NEW_IMAGE = ascii(StreamRecordFields.NEW_IMAGE);
    private static final byte[] OLD_IMAGE = ascii(StreamRecordFields.OLD_IMAGE);
    private static final byte[] SEQUENCE_NUMBER = ascii(StreamRecordFields.SEQUENCE_NUMBER);
    private static final byte[] SIZE_BYTES = ascii(StreamRecordFields.SIZE_BYTES);
    private static final byte[] STREAM_VIEW_TYPE = ascii(StreamRecordFields.STREAM_VIEW_TYPE);

    private static final byte[] INSERT = ascii("INSERT");
    private static final byte[] MODIFY = ascii("MODIFY");
    private static final byte[] REMOVE = ascii("REMOVE");
    private static final byte[] READ = ascii("READ");
    private static final byte[] TTL_TYPE = ascii("Service");
    private static final byte[] TTL_PRINCIPAL = ascii(ChangeEvent.TTL_PRINCIPAL);
    private static final byte[] TABLE_IN_ARN = ascii(":table/");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] BOOL = ascii("BOOL");
    private static final byte[] NULL_TYPE = ascii("NULL");

    // Known fields, one bit each: a second occurrence declines (the parser would let the last one win).
    private static final int F_EVENT_ID = 1;
    private static final int F_EVENT_NAME = 1 << 1;
    private static final int F_EVENT_VERSION = 1 << 2;
    private static final int F_EVENT_SOURCE = 1 << 3;
    private static final int F_AWS_REGION = 1 << 4;
    private static final int F_EVENT_SOURCE_ARN = 1 << 5;
    private static final int F_USER_IDENTITY = 1 << 6;
    private static final int F_DYNAMODB = 1 << 7;
    private static final int F_CREATION_TIME = 1 << 8;
    private static final int F_CREATION_TIME_PRECISION = 1 << 9;
    private static final int F_KEYS = 1 << 10;
    private static final int F_NEW_IMAGE = 1 << 11;
    private static final int F_OLD_IMAGE = 1 << 12;
    private static final int F_SEQUENCE_NUMBER = 1 << 13;
    private static final int F_SIZE_BYTES = 1 << 14;
    private static final int F_STREAM_VIEW_TYPE = 1 << 15;
    private static final int F_USER_IDENTITY_TYPE = 1 << 16;
    private static final int F_USER_IDENTITY_PRINCIPAL = 1 << 17;

    /** {@link #apply}'s answer when the fast path declines (never a row: a row is at least {@code {}}). */
    static final byte[] DECLINED = new byte[0];

    private final MetadataField[] metadata;
    /** The metadata columns' names, to refuse an attribute of the same name. */
    private final byte[][] metadataColumns;
    /** {@code ,"column":} for each metadata column. */
    private final byte[][] metadataPrefixes;
    private final boolean dropRemoves;
    /** For tests: let unexpected exceptions through instead of declining. */
    private final boolean strict;
    private final ThreadLocal<Scan> scans = ThreadLocal.withInitial(Scan::new);

    private FastRowPath(TransformOptions options, boolean strict) {
        List<MetadataField> fields = options.metadataFields();
        this.metadata = fields.toArray(new MetadataField[0]);
        this.metadataColumns = new byte[metadata.length][];
        this.metadataPrefixes = new byte[metadata.length][];
        for (int i = 0; i < metadata.length; i++) {
            metadataColumns[i] = ascii(metadata[i].column());
            metadataPrefixes[i] = ascii(",\"" + metadata[i].column() + "\":");
        }
        this.dropRemoves = options.deleteHandling() != DeleteHandling.ROW;
        this.strict = strict;
    }

    /** The fast path for these options, or {@code null} when they are out of its scope. */
    static FastRowPath forOptions(TransformOptions options) {
        return forOptions(options, false);
    }

    static FastRowPath forOptions(TransformOptions options, boolean strict) {
        if (options.outputFormat() != OutputFormat.ROW || options.hasRowSchema()
                || options.metadataFields().contains(MetadataField.OLD_IMAGE)) {
            return null;
        }
        return new FastRowPath(options, strict);
    }

    /**
     * The record as a line (row + {@code \n}, or no line when dropped) with its facts; {@code null} when the
     * fast path declines.
     */
    TransformedLine transformLine(byte[] record, int offset, int length) {
        Scan scan = scan(record, offset, length, true);
        if (scan == null) {
            return null;
        }
        byte[] line = scan.dropped ? null : scan.output(true);
        return new TransformedLine(scan.operation, scan.seconds * 1_000_000L, scan.tableName, scan.awsRegion, line);
    }

    /** The row (no newline), {@code null} when dropped, {@link #DECLINED} when the fast path declines. */
    byte[] apply(byte[] record, int offset, int length) {
        Scan scan = scan(record, offset, length, false);
        if (scan == null) {
            return DECLINED;
        }
        return scan.dropped ? null : scan.output(false);
    }

    /** @param facts whether to fill {@link Scan#tableName} and {@link Scan#awsRegion} */
    private Scan scan(byte[] record, int offset, int length, boolean facts) {
        if (record == null || offset < 0 || length < 0 || offset > record.length - length) {
            return null;
        }
        Scan scan = scans.get();
        try {
            scan.run(record, offset, offset + length);
            if (facts) {
                scan.facts();
            }
            return scan;
        } catch (Decline decline) {
            return null;
        } catch (RuntimeException e) {
            // A fault of ours: the parser and writer decide instead.
            if (strict) {
                throw e;
            }
            return null;
        } finally {
            scan.bytes = null;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Not certain: the parser and writer decide. Thrown without a stack trace, caught in {@link #scan}. */
    private static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super("declined", null, false, false);
        }
    }

    private static Decline decline() {
        return Decline.INSTANCE;
    }

    /**
     * One thread's scan state: positions of what the row needs (found in the first pass, which checks
     * everything), then the row written from them (the second pass, over the row's image only).
     */
    private final class Scan {
        byte[] bytes;
        private int end;

        // Attribute names of Keys, NewImage, OldImage and, above them while they are read, of nested maps.
        private int[] nameStart = new int[64];
        private int[] nameEnd = new int[64];
        private int[] nameHash = new int[64];
        private int[] valueStart = new int[64];
        /** For an S, N or B value: its type letter and the string's content range; 0 for other types. */
        private byte[] scalarType = new byte[64];
        private int[] scalarFrom = new int[64];
        private int[] scalarTo = new int[64];
        /** What {@link #attributeValue} found last, for {@link #item} to keep. */
        private byte lastType;
        private int lastFrom;
        private int lastTo;
        private int top;
        private int hash;

        private int keysBase;
        private int keysCount;
        /** -1: no image (absent or null). */
        private int newBase;
        private int newCount;
        private int oldBase;
        private int oldCount;

        /** Content range of the last string read by {@link #nullableString}; start -1 for null. */
        private int stringStart;
        private int stringEnd;

        private int eventIdStart;
        private int eventIdEnd;
        private int regionStart;
        private int regionEnd;
        private int arnStart;
        private int arnEnd;
        private int sequenceStart;
        private int sequenceEnd;
        private int typeStart;
        private int typeEnd;
        private int principalStart;
        private int principalEnd;
        private int tableStart;
        private int tableEnd;
        private int seen;

        Operation operation;
        long seconds;
        boolean dropped;
        String tableName;
        String awsRegion;

        private byte[] out = new byte[1024];
        private int size;

        // Caches across records of this thread: a batch shares its table, region and day.
        private byte[] lastRegion = new byte[0];
        private String lastRegionText = "";
        /** The last ARN whose table was looked for, where the table is in it (-1: none), and its name. */
        private byte[] lastArn = new byte[0];
        private int lastTableFrom = -1;
        private int lastTableTo = -1;
        private String lastTableText;
        private long lastDay = Long.MIN_VALUE;
        private final byte[] date = new byte[10];

        void run(byte[] record, int from, int to) {
            bytes = record;
            end = to;
            top = 0;
            seen = 0;
            keysCount = -1;
            newCount = -1;
            oldCount = -1;
            eventIdStart = -1;
            regionStart = -1;
            arnStart = -1;
            sequenceStart = -1;
            typeStart = -1;
            principalStart = -1;
            tableStart = -1;
            operation = null;
            seconds = -1;
            if (out.length > KEPT_BUFFER) {
                out = new byte[1024];
            }

            int p = ws(from);
            p = expect(p, '{');
            p = ws(p);
            if (at(p) == '}') {
                p++;
            } else {
                while (true) {
                    p = expect(p, '"');
                    int name = p;
                    int nameClose = stringEnd(p);
                    p = ws(expect(ws(nameClose + 1), ':'));
                    p = next(recordField(name, nameClose, p), (byte) '}');
                    if (p < 0) {
                        p = ~p;
                        break;
                    }
                }
            }
            if (ws(p) != end) {
                throw decline();
            }
            // What ChangeEvent.Builder.build() and the parser's end checks require.
            if ((seen & F_DYNAMODB) == 0 || operation == null || keysCount <= 0 || seconds < 0) {
                throw decline();
            }
            dropped = operation == Operation.REMOVE && dropRemoves;
            if (!dropped) {
                writeRow();
            }
        }

        /** Fills {@link #tableName} and {@link #awsRegion} (Strings shared with earlier records when equal). */
        void facts() {
            findTable();
            tableName = tableStart < 0 ? null : lastTableText;
            awsRegion = regionStart < 0 ? null : regionText();
        }

        byte[] output(boolean newline) {
            byte[] copy = new byte[newline ? size + 1 : size];
            System.arraycopy(out, 0, copy, 0, size);
            if (newline) {
                copy[size] = '\n';
            }
            return copy;
        }

        // ---------------------------------------------------------------- first pass: the record

        private int recordField(int name, int nameClose, int p) {
            int length = nameClose - name;
            if (length == 7 && is(name, nameClose, EVENT_ID)) {
                once(F_EVENT_ID);
                p = nullableString(p);
                eventIdStart = stringStart;
                eventIdEnd = stringEnd;
                return p;
            }
            if (length == 9) {
                if (is(name, nameClose, EVENT_NAME)) {
                    once(F_EVENT_NAME);
                    p = nullableString(p);
                    operation = stringStart < 0 ? null : operation(stringStart, stringEnd);
                    return p;
                }
                if (is(name, nameClose, AWS_REGION)) {
                    once(F_AWS_REGION);
                    p = nullableString(p);
                    regionStart = stringStart;
                    regionEnd = stringEnd;
                    return p;
                }
                if (is(name, nameClose, TABLE_NAME)) {
                    throw decline(); // Kinesis-shaped
                }
            }
            if (length == 8 && is(name, nameClose, DYNAMODB)) {
                once(F_DYNAMODB);
                return dynamodb(expect(p, '{'));
            }
            if (length == 12) {
                if (is(name, nameClose, EVENT_VERSION)) {
                    once(F_EVENT_VERSION);
                    return nullableString(p);
                }
                if (is(name, nameClose, USER_IDENTITY)) {
                    once(F_USER_IDENTITY);
                    return userIdentity(p);
                }
                if (is(name, nameClose, RECORD_FORMAT)) {
                    throw decline(); // Kinesis-shaped
                }
            }
            if (length == 11 && is(name, nameClose, EVENT_SOURCE)) {
                once(F_EVENT_SOURCE);
                return nullableString(p);
            }
            if (length == 14 && is(name, nameClose, EVENT_SOURCE_ARN)) {
                once(F_EVENT_SOURCE_ARN);
                p = nullableString(p);
                arnStart = stringStart;
                arnEnd = stringEnd;
                return p;
            }
            return skipValue(p, 1);
        }

        private Operation operation(int from, int to) {
            if (is(from, to, MODIFY)) {
                return Operation.MODIFY;
            }
            if (is(from, to, INSERT)) {
                return Operation.INSERT;
            }
            if (is(from, to, REMOVE)) {
                return Operation.REMOVE;
            }
            if (is(from, to, READ)) {
                return Operation.READ;
            }
            throw decline(); // the parser: unknown eventName
        }

        private int userIdentity(int p) {
            if (at(p) == 'n') {
                return literal(p, NULL);
            }
            p = ws(expect(p, '{'));
            if (at(p) == '}') {
                return p + 1;
            }
            while (true) {
                p = expect(p, '"');
                int name = p;
                int nameClose = stringEnd(p);
                p = ws(expect(ws(nameClose + 1), ':'));
                if (is(name, nameClose, USER_IDENTITY_TYPE)) {
                    once(F_USER_IDENTITY_TYPE);
                    p = nullableString(p);
                    typeStart = stringStart;
                    typeEnd = stringEnd;
                } else if (is(name, nameClose, USER_IDENTITY_PRINCIPAL)) {
                    once(F_USER_IDENTITY_PRINCIPAL);
                    p = nullableString(p);
                    principalStart = stringStart;
                    principalEnd = stringEnd;
                } else {
                    p = skipValue(p, 2);
                }
                p = next(p, (byte) '}');
                if (p < 0) {
                    return ~p;
                }
            }
        }

        /** The {@code dynamodb} object, after its {@code {}. */
        private int dynamodb(int p) {
            p = ws(p);
            if (at(p) == '}') {
                return p + 1;
            }
            while (true) {
                p = expect(p, '"');
                int name = p;
                int nameClose = stringEnd(p);
                p = ws(expect(ws(nameClose + 1), ':'));
                p = next(dynamodbField(name, nameClose, p), (byte) '}');
                if (p < 0) {
                    return ~p;
                }
            }
        }

        private int dynamodbField(int name, int nameClose, int p) {
            int length = nameClose - name;
            if (length == 4 && is(name, nameClose, KEYS)) {
                once(F_KEYS);
                if (at(p) != '{') {
                    throw decline(); // null: no Keys; anything else: not an object
                }
                keysBase = top;
                p = item(p + 1, 1);
                keysCount = top - keysBase;
                return p;
            }
            if (length == 8) {
                if (is(name, nameClose, NEW_IMAGE)) {
                    once(F_NEW_IMAGE);
                    if (at(p) == 'n') {
                        return literal(p, NULL);
                    }
                    newBase = top;
                    p = item(expect(p, '{'), 1);
                    newCount = top - newBase;
                    return p;
                }
                if (is(name, nameClose, OLD_IMAGE)) {
                    once(F_OLD_IMAGE);
                    if (at(p) == 'n') {
                        return literal(p, NULL);
                    }
                    oldBase = top;
                    p = item(expect(p, '{'), 1);
                    oldCount = top - oldBase;
                    return p;
                }
            }
            if (length == 27 && is(name, nameClose, CREATION_TIME)) {
                once(F_CREATION_TIME);
                return creationTime(p);
            }
            if (length == 14) {
                if (is(name, nameClose, SEQUENCE_NUMBER)) {
                    once(F_SEQUENCE_NUMBER);
                    p = nullableString(p);
                    sequenceStart = stringStart;
                    sequenceEnd = stringEnd;
                    return p;
                }
                if (is(name, nameClose, STREAM_VIEW_TYPE)) {
                    once(F_STREAM_VIEW_TYPE);
                    return nullableString(p);
                }
            }
            if (length == 9 && is(name, nameClose, SIZE_BYTES)) {
                once(F_SIZE_BYTES);
                return sizeBytes(p);
            }
            if (length == 36 && is(name, nameClose, CREATION_TIME_PRECISION)) {
                once(F_CREATION_TIME_PRECISION); // read, and unused for this shape
                return nullableString(p);
            }
            return skipValue(p, 2);
        }

        /** Whole, non-negative epoch seconds below {@link #MAX_SECONDS}; null leaves the time missing. */
        private int creationTime(int p) {
            byte c = at(p);
            if (c == 'n') {
                return literal(p, NULL);
            }
            if (c < '0' || c > '9') {
                throw decline(); // negative, a string, or not a number at all
            }
            int e = numberEnd(p);
            if (e - p > 11) {
                throw decline();
            }
            long value = 0;
            for (int i = p; i < e; i++) {
                byte d = bytes[i];
                if (d < '0' || d > '9') {
                    throw decline(); // a fraction or an exponent
                }
                value = value * 10 + (d - '0');
            }
            if (value >= MAX_SECONDS) {
                throw decline();
            }
            seconds = value;
            return e;
        }

        /** A whole number that fits a long, or null. */
        private int sizeBytes(int p) {
            byte c = at(p);
            if (c == 'n') {
                return literal(p, NULL);
            }
            if (c != '-' && (c < '0' || c > '9')) {
                throw decline();
            }
            int e = numberEnd(p);
            int digits = 0;
            for (int i = c == '-' ? p + 1 : p; i < e; i++) {
                byte d = bytes[i];
                if (d < '0' || d > '9') {
                    throw decline();
                }
                digits++;
            }
            if (digits > 18) {
                throw decline();
            }
            return e;
        }

        /** A string or null; its content range goes to {@link #stringStart}/{@link #stringEnd}. */
        private int nullableString(int p) {
            byte c = at(p);
            if (c == '"') {
                stringStart = p + 1;
                stringEnd = stringEnd(p + 1);
                return stringEnd + 1;
            }
            if (c == 'n') {
                stringStart = -1;
                return literal(p, NULL);
            }
            throw decline();
        }

        // ---------------------------------------------------------------- first pass: attribute values

        /**
         * The attributes of an item (image, key or M) after its {@code {}: each name is pushed on the name
         * stack, checked against its siblings, with where its value starts.
         */
        private int item(int p, int depth) {
            int base = top;
            p = ws(p);
            if (at(p) == '}') {
                return p + 1;
            }
            while (true) {
                p = expect(p, '"');
                int name = p;
                int nameClose = nameEnd(p);
                int h = hash;
                for (int i = base; i < top; i++) {
                    if (nameHash[i] == h && sameBytes(nameStart[i], nameEnd[i], name, nameClose)) {
                        throw decline(); // the parser: attribute appears twice
                    }
                }
                int index = push(name, nameClose, h);
                p = ws(expect(ws(nameClose + 1), ':'));
                if (at(p) != '{') {
                    throw decline();
                }
                valueStart[index] = p;
                p = ws(attributeValue(p, depth));
                scalarType[index] = lastType;
                scalarFrom[index] = lastFrom;
                scalarTo[index] = lastTo;
                p = next(p, (byte) '}');
                if (p < 0) {
                    return ~p;
                }
            }
        }

        /** {@code {"TYPE": value}} at its {@code {}; returns the position after its {@code }}. */
        private int attributeValue(int p, int depth) {
            if (depth > MAX_ATTRIBUTE_DEPTH) {
                throw decline();
            }
            p = expect(ws(p + 1), '"');
            int type = p;
            int typeEnd = stringEnd(p);
            p = ws(expect(ws(typeEnd + 1), ':'));
            int length = typeEnd - type;
            byte t = length > 0 ? bytes[type] : 0;
            byte scalar = 0;
            int from = p + 1;
            if (length == 1) {
                switch (t) {
                    case 'S' -> {
                        p = plainString(p);
                        scalar = t;
                    }
                    case 'N' -> {
                        p = numberString(p);
                        scalar = t;
                    }
                    case 'B' -> {
                        p = base64String(p);
                        scalar = t;
                    }
                    case 'M' -> {
                        int base = top;
                        p = item(expect(p, '{'), depth + 1);
                        top = base;
                    }
                    case 'L' -> p = list(p, depth);
                    default -> throw decline();
                }
            } else if (length == 2 && bytes[type + 1] == 'S' && (t == 'S' || t == 'N' || t == 'B')) {
                p = ws(expect(p, '['));
                if (at(p) == ']') {
                    p++;
                } else {
                    while (true) {
                        p = t == 'S' ? plainString(p) : t == 'N' ? numberString(p) : base64String(p);
                        p = next(p, (byte) ']');
                        if (p < 0) {
                            p = ~p;
                            break;
                        }
                    }
                }
            } else if (length == 4 && is(type, typeEnd, BOOL)) {
                p = at(p) == 't' ? literal(p, TRUE) : literal(p, FALSE);
            } else if (length == 4 && is(type, typeEnd, NULL_TYPE)) {
                p = literal(p, TRUE);
            } else {
                throw decline();
            }
            lastType = scalar;
            lastFrom = from;
            lastTo = p - 1;
            return expect(ws(p), '}');
        }

        private int list(int p, int depth) {
            p = ws(expect(p, '['));
            if (at(p) == ']') {
                return p + 1;
            }
            while (true) {
                if (at(p) != '{') {
                    throw decline();
                }
                p = next(attributeValue(p, depth + 1), (byte) ']');
                if (p < 0) {
                    return ~p;
                }
            }
        }

        /**
         * After a member or an element: skips blanks and reads the comma or the closer. Returns where the
         * next one starts, or, when {@code closer} ends the container, the complement ({@code ~}) of the
         * position after it (always negative, so callers test {@code p < 0} and return {@code ~p}).
         */
        private int next(int p, byte closer) {
            p = ws(p);
            byte c = at(p);
            if (c == ',') {
                return ws(p + 1);
            }
            if (c == closer) {
                return ~(p + 1);
            }
            throw decline();
        }

        private int plainString(int p) {
            return stringEnd(expect(p, '"')) + 1;
        }

        /** An N: a string holding a JSON number (a bare JSON number, or "+5", declines). */
        private int numberString(int p) {
            int from = expect(p, '"');
            int to = stringEnd(from);
            if (!isJsonNumber(from, to)) {
                throw decline();
            }
            return to + 1;
        }

        /** A B: a string of padded base64, checked as {@link Base64Text#isValid} checks it. */
        private int base64String(int p) {
            int from = expect(p, '"');
            int to = stringEnd(from);
            int n = to - from;
            if (n % 4 != 0) {
                throw decline();
            }
            int padding = 0;
            if (n > 0 && bytes[to - 1] == '=') {
                padding = n > 1 && bytes[to - 2] == '=' ? 2 : 1;
            }
            for (int i = from; i < to - padding; i++) {
                byte c = bytes[i];
                boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (!ok) {
                    throw decline();
                }
            }
            return to + 1;
        }

        // ---------------------------------------------------------------- first pass: JSON primitives

        /** Steps over any JSON value, checking it. */
        private int skipValue(int p, int depth) {
            byte c = at(p);
            switch (c) {
                case '"':
                    return stringEnd(p + 1) + 1;
                case '{': {
                    if (depth >= MAX_SKIP_DEPTH) {
                        throw decline();
                    }
                    p = ws(p + 1);
                    if (at(p) == '}') {
                        return p + 1;
                    }
                    while (true) {
                        p = expect(p, '"');
                        p = ws(expect(ws(stringEnd(p) + 1), ':'));
                        p = ws(skipValue(p, depth + 1));
                        c = at(p);
                        if (c == ',') {
                            p = ws(p + 1);
                        } else if (c == '}') {
                            return p + 1;
                        } else {
                            throw decline();
                        }
                    }
                }
                case '[': {
                    if (depth >= MAX_SKIP_DEPTH) {
                        throw decline();
                    }
                    p = ws(p + 1);
                    if (at(p) == ']') {
                        return p + 1;
                    }
                    while (true) {
                        p = ws(skipValue(p, depth + 1));
                        c = at(p);
                        if (c == ',') {
                            p = ws(p + 1);
                        } else if (c == ']') {
                            return p + 1;
                        } else {
                            throw decline();
                        }
                    }
                }
                case 't':
                    return literal(p, TRUE);
                case 'f':
                    return literal(p, FALSE);
                case 'n':
                    return literal(p, NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return numberEnd(p);
                    }
                    throw decline();
            }
        }

        /**
         * The end (closing quote) of the string whose content starts at {@code p}, which must be printable
         * ASCII without escapes (no control character, no backslash, no byte of a multi-byte character).
         */
        private int stringEnd(int p) {
            int limit = Math.min(end, p + MAX_STRING_BYTES + 1);
            int i = p;
            while (i < limit && PLAIN[bytes[i] & 0xFF]) {
                i++;
            }
            if (i < limit && bytes[i] == '"') {
                return i;
            }
            throw decline(); // too long, cut short, or a byte the fast path does not copy
        }

        /** As {@link #stringEnd}, also leaving a cheap hash of the name (length, first and last byte) in {@link #hash}. */
        private int nameEnd(int p) {
            int close = stringEnd(p);
            int length = close - p;
            hash = length == 0 ? 0 : (length << 16) ^ (bytes[p] << 8) ^ bytes[close - 1];
            return close;
        }

        /** The end of the JSON number token at {@code p}, by JSON's grammar. */
        private int numberEnd(int p) {
            int start = p;
            if (at(p) == '-') {
                p++;
            }
            byte c = at(p);
            if (c == '0') {
                p++;
            } else if (c >= '1' && c <= '9') {
                p = digits(p + 1);
            } else {
                throw decline();
            }
            if (p < end && bytes[p] == '.') {
                int from = p + 1;
                p = digits(from);
                if (p == from) {
                    throw decline();
                }
            }
            if (p < end && (bytes[p] == 'e' || bytes[p] == 'E')) {
                p++;
                if (p < end && (bytes[p] == '+' || bytes[p] == '-')) {
                    p++;
                }
                int from = p;
                p = digits(from);
                if (p == from) {
                    throw decline();
                }
            }
            if (p - start > MAX_NUMBER_CHARS) {
                throw decline();
            }
            return p;
        }

        private int digits(int p) {
            while (p < end && bytes[p] >= '0' && bytes[p] <= '9') {
                p++;
            }
            return p;
        }

        /** {@link DynamoNumbers#isJsonNumber} over {@code bytes[from, to)}. */
        private boolean isJsonNumber(int from, int to) {
            int i = from;
            if (i < to && bytes[i] == '-') {
                i++;
            }
            if (i >= to) {
                return false;
            }
            byte c = bytes[i];
            if (c == '0') {
                i++;
            } else if (c >= '1' && c <= '9') {
                i = digitsTo(i + 1, to);
            } else {
                return false;
            }
            if (i < to && bytes[i] == '.') {
                int start = i + 1;
                i = digitsTo(start, to);
                if (i == start) {
                    return false;
                }
            }
            if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
                i++;
                if (i < to && (bytes[i] == '+' || bytes[i] == '-')) {
                    i++;
                }
                int start = i;
                i = digitsTo(start, to);
                if (i == start) {
                    return false;
                }
            }
            return i == to;
        }

        private int digitsTo(int i, int to) {
            while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
                i++;
            }
            return i;
        }

        private int literal(int p, byte[] word) {
            if (p > end - word.length) {
                throw decline();
            }
            for (int i = 0; i < word.length; i++) {
                if (bytes[p + i] != word[i]) {
                    throw decline();
                }
            }
            return p + word.length;
        }

        private int ws(int p) {
            if (p < end && bytes[p] > ' ') {
                return p;
            }
            while (p < end) {
                byte c = bytes[p];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return p;
                }
                p++;
            }
            return p;
        }

        private byte at(int p) {
            if (p >= end) {
                throw decline();
            }
            return bytes[p];
        }

        private int expect(int p, char c) {
            if (p >= end || bytes[p] != c) {
                throw decline();
            }
            return p + 1;
        }

        private void once(int field) {
            if ((seen & field) != 0) {
                throw decline();
            }
            seen |= field;
        }

        private boolean is(int from, int to, byte[] word) {
            if (to - from != word.length) {
                return false;
            }
            for (int i = 0; i < word.length; i++) {
                if (bytes[from + i] != word[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean sameBytes(int from, int to, int otherFrom, int otherTo) {
            if (to - from != otherTo - otherFrom) {
                return false;
            }
            for (int i = 0; i < to - from; i++) {
                if (bytes[from + i] != bytes[otherFrom + i]) {
                    return false;
                }
            }
            return true;
        }

        private int push(int from, int to, int h) {
            if (top == nameStart.length) {
                if (top >= MAX_NAMES) {
                    throw decline();
                }
                int size = top * 2;
                nameStart = Arrays.copyOf(nameStart, size);
                nameEnd = Arrays.copyOf(nameEnd, size);
                nameHash = Arrays.copyOf(nameHash, size);
                valueStart = Arrays.copyOf(valueStart, size);
                scalarType = Arrays.copyOf(scalarType, size);
                scalarFrom = Arrays.copyOf(scalarFrom, size);
                scalarTo = Arrays.copyOf(scalarTo, size);
            }
            nameStart[top] = from;
            nameEnd[top] = to;
            nameHash[top] = h;
            return top++;
        }

        // ---------------------------------------------------------------- facts

        /**
         * {@link ChangeEvent#tableFromArn} over the ARN's bytes: sets {@link #tableStart}/{@link #tableEnd}
         * (-1: no table) and {@link #lastTableText}. The answer for the last ARN seen is kept.
         */
        private void findTable() {
            if (tableStart >= 0 || arnStart < 0) {
                return;
            }
            if (Arrays.equals(bytes, arnStart, arnEnd, lastArn, 0, lastArn.length)) {
                if (lastTableFrom >= 0) {
                    tableStart = arnStart + lastTableFrom;
                    tableEnd = arnStart + lastTableTo;
                }
                return;
            }
            int last = arnEnd - TABLE_IN_ARN.length;
            for (int i = arnStart; i <= last; i++) {
                if (bytes[i] == ':' && is(i, i + TABLE_IN_ARN.length, TABLE_IN_ARN)) {
                    tableStart = i + TABLE_IN_ARN.length;
                    tableEnd = arnEnd;
                    for (int j = tableStart; j < arnEnd; j++) {
                        if (bytes[j] == '/') {
                            tableEnd = j;
                            break;
                        }
                    }
                    break;
                }
            }
            lastArn = Arrays.copyOfRange(bytes, arnStart, arnEnd);
            lastTableFrom = tableStart < 0 ? -1 : tableStart - arnStart;
            lastTableTo = tableStart < 0 ? -1 : tableEnd - arnStart;
            lastTableText = tableStart < 0 ? null : new String(bytes, tableStart, tableEnd - tableStart, StandardCharsets.US_ASCII);
        }

        private String regionText() {
            if (!Arrays.equals(bytes, regionStart, regionEnd, lastRegion, 0, lastRegion.length)) {
                lastRegion = Arrays.copyOfRange(bytes, regionStart, regionEnd);
                lastRegionText = new String(lastRegion, StandardCharsets.US_ASCII);
            }
            return lastRegionText;
        }

        // ---------------------------------------------------------------- second pass: the row

        /** What {@link JsonChangeWriter} writes for an untyped row: see {@link RowColumns#forEachAttribute}. */
        private void writeRow() {
            size = 0;
            int imageBase;
            int imageCount;
            if (operation == Operation.REMOVE) {
                imageBase = oldBase;
                imageCount = oldCount;
            } else {
                imageBase = newBase;
                imageCount = newCount;
            }
            boolean fromKeys = imageCount < 0;
            if (fromKeys) {
                imageBase = keysBase;
                imageCount = keysCount;
            }
            put('{');
            for (int k = keysBase; k < keysBase + keysCount; k++) {
                checkNotMetadata(k);
                int v = fromKeys ? k : find(imageBase, imageCount, k);
                if (k > keysBase) {
                    put(',');
                }
                writeName(k);
                renderAttribute(v >= 0 ? v : k);
            }
            if (!fromKeys) {
                for (int a = imageBase; a < imageBase + imageCount; a++) {
                    if (find(keysBase, keysCount, a) >= 0) {
                        continue;
                    }
                    checkNotMetadata(a);
                    put(',');
                    writeName(a);
                    renderAttribute(a);
                }
            }
            for (int m = 0; m < metadata.length; m++) {
                put(metadataPrefixes[m]);
                writeMetadata(metadata[m]);
            }
            put('}');
        }

        /** An attribute's value: an S, N or B straight from its content range, any other walked by {@link #render}. */
        private void renderAttribute(int index) {
            byte type = scalarType[index];
            if (type == 'N') {
                number(scalarFrom[index], scalarTo[index]);
            } else if (type != 0) {
                copy(scalarFrom[index] - 1, scalarTo[index] + 1);
            } else {
                render(valueStart[index]);
            }
        }

        private int find(int base, int count, int name) {
            int h = nameHash[name];
            for (int i = base; i < base + count; i++) {
                if (nameHash[i] == h && sameBytes(nameStart[i], nameEnd[i], nameStart[name], nameEnd[name])) {
                    return i;
                }
            }
            return -1;
        }

        private void checkNotMetadata(int name) {
            for (byte[] column : metadataColumns) {
                if (is(nameStart[name], nameEnd[name], column)) {
                    throw decline(); // the writer: the attribute has the name of a metadata column
                }
            }
        }

        private void writeName(int name) {
            int from = nameStart[name] - 1;
            int to = nameEnd[name] + 1;
            ensure(to - from + 1);
            System.arraycopy(bytes, from, out, size, to - from);
            size += to - from;
            out[size++] = ':';
        }

        private void writeMetadata(MetadataField field) {
            switch (field) {
                case EVENT_TYPE -> {
                    put('"');
                    put(switch (operation) {
                        case INSERT -> INSERT;
                        case MODIFY -> MODIFY;
                        case REMOVE -> REMOVE;
                        case READ -> READ;
                    });
                    put('"');
                }
                case CREATION_DATETIME -> writeDateTime();
                case SEQUENCE_NUMBER -> nullableText(sequenceStart, sequenceEnd);
                case EVENT_ID -> nullableText(eventIdStart, eventIdEnd);
                case TABLE -> {
                    findTable();
                    nullableText(tableStart, tableEnd);
                }
                case REGION -> nullableText(regionStart, regionEnd);
                case TTL_DELETE -> put(isTtlDelete() ? TRUE : FALSE);
                default -> throw new IllegalStateException("not on the fast path: " + field);
            }
        }

        private boolean isTtlDelete() {
            return operation == Operation.REMOVE
                    && typeStart >= 0 && is(typeStart, typeEnd, TTL_TYPE)
                    && principalStart >= 0 && is(principalStart, principalEnd, TTL_PRINCIPAL);
        }

        /** A string's content (checked: nothing to escape) quoted, or null. */
        private void nullableText(int from, int to) {
            if (from < 0) {
                put(NULL);
            } else {
                ensure(to - from + 2);
                out[size++] = '"';
                System.arraycopy(bytes, from, out, size, to - from);
                size += to - from;
                out[size++] = '"';
            }
        }

        /** {@link UtcTimestamps#format} of whole seconds: {@code "yyyy-MM-ddTHH:mm:ssZ"}. */
        private void writeDateTime() {
            long day = seconds / 86_400;
            int second = (int) (seconds % 86_400);
            if (day != lastDay) {
                LocalDate civil = LocalDate.ofEpochDay(day);
                int year = civil.getYear();
                if (year > 9999) {
                    throw decline();
                }
                date[0] = (byte) ('0' + year / 1000);
                date[1] = (byte) ('0' + year / 100 % 10);
                date[2] = (byte) ('0' + year / 10 % 10);
                date[3] = (byte) ('0' + year % 10);
                date[4] = '-';
                date[5] = (byte) ('0' + civil.getMonthValue() / 10);
                date[6] = (byte) ('0' + civil.getMonthValue() % 10);
                date[7] = '-';
                date[8] = (byte) ('0' + civil.getDayOfMonth() / 10);
                date[9] = (byte) ('0' + civil.getDayOfMonth() % 10);
                lastDay = day;
            }
            ensure(22);
            out[size++] = '"';
            System.arraycopy(date, 0, out, size, 10);
            size += 10;
            out[size++] = 'T';
            two(second / 3600);
            out[size++] = ':';
            two(second / 60 % 60);
            out[size++] = ':';
            two(second % 60);
            out[size++] = 'Z';
            out[size++] = '"';
        }

        private void two(int value) {
            out[size++] = (byte) ('0' + value / 10);
            out[size++] = (byte) ('0' + value % 10);
        }

        /**
         * Writes the attribute value at {@code p} (already checked) as {@link PlainJson#write} does; returns
         * the position after it.
         */
        private int render(int p) {
            p = ws(p + 1) + 1; // the type's opening quote
            int type = p;
            int typeEnd = quote(p);
            p = ws(ws(typeEnd + 1) + 1); // past ':'
            byte t = bytes[type];
            switch (typeEnd - type) {
                case 1 -> {
                    if (t == 'S' || t == 'B') {
                        int close = quote(p + 1);
                        copy(p, close + 1);
                        p = close + 1;
                    } else if (t == 'N') {
                        int close = quote(p + 1);
                        number(p + 1, close);
                        p = close + 1;
                    } else if (t == 'M') {
                        p = renderMap(p);
                    } else {
                        p = renderList(p);
                    }
                }
                case 2 -> {
                    put('[');
                    p = ws(p + 1);
                    boolean first = true;
                    while (bytes[p] != ']') {
                        if (!first) {
                            put(',');
                        }
                        first = false;
                        int close = quote(p + 1);
                        if (t == 'N') {
                            number(p + 1, close);
                        } else {
                            copy(p, close + 1);
                        }
                        p = ws(close + 1);
                        if (bytes[p] == ',') {
                            p = ws(p + 1);
                        }
                    }
                    put(']');
                    p++;
                }
                default -> {
                    if (t == 'B') { // BOOL
                        if (bytes[p] == 't') {
                            put(TRUE);
                            p += 4;
                        } else {
                            put(FALSE);
                            p += 5;
                        }
                    } else { // NULL: true
                        put(NULL);
                        p += 4;
                    }
                }
            }
            return ws(p) + 1; // past the value's '}'
        }

        private int renderMap(int p) {
            put('{');
            p = ws(p + 1);
            boolean first = true;
            while (bytes[p] != '}') {
                if (!first) {
                    put(',');
                }
                first = false;
                int close = quote(p + 1);
                copy(p, close + 1);
                put(':');
                p = ws(ws(close + 1) + 1);
                p = ws(render(p));
                if (bytes[p] == ',') {
                    p = ws(p + 1);
                }
            }
            put('}');
            return p + 1;
        }

        private int renderList(int p) {
            put('[');
            p = ws(p + 1);
            boolean first = true;
            while (bytes[p] != ']') {
                if (!first) {
                    put(',');
                }
                first = false;
                p = ws(render(p));
                if (bytes[p] == ',') {
                    p = ws(p + 1);
                }
            }
            put(']');
            return p + 1;
        }

        /** The closing quote of a checked string whose content starts at {@code p}. */
        private int quote(int p) {
            while (bytes[p] != '"') {
                p++;
            }
            return p;
        }

        /**
         * An N's text ({@code bytes[from, to)}, a checked JSON number) as {@link PlainJson} writes
         * {@link DynamoNumbers#plainValue}: whole numbers of up to 18 digits and decimals a double spells the
         * same way are copied; any other goes through plainValue itself.
         */
        private void number(int from, int to) {
            int i = from;
            boolean negative = bytes[i] == '-';
            if (negative) {
                i++;
            }
            int whole = i;
            i = digitsTo(i, to);
            int wholeDigits = i - whole;
            if (i == to) {
                if (wholeDigits <= 18) {
                    if (negative && bytes[whole] == '0') {
                        put('0'); // -0 is the long 0
                    } else {
                        copy(from, to);
                    }
                    return;
                }
            } else if (bytes[i] == '.' && wholeDigits <= 6) {
                int fraction = i + 1;
                int fractionEnd = digitsTo(fraction, to);
                int fractionDigits = fractionEnd - fraction;
                boolean atLeastOneHundredth = bytes[whole] != '0' || fractionDigits < 2
                        || bytes[fraction] != '0' || bytes[fraction + 1] != '0';
                if (fractionEnd == to && bytes[to - 1] != '0' && wholeDigits + fractionDigits <= 15 && atLeastOneHundredth
                        && spellsItself(from, to, negative, whole, i, fraction, fractionDigits)) {
                    copy(from, to);
                    return;
                }
            }
            Object plain;
            try {
                plain = DynamoNumbers.plainValue(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                throw decline(); // the writer fails the same way
            }
            if (plain instanceof Long l) {
                put(Long.toString(l));
            } else if (plain instanceof Double d) {
                put(Double.toString(d));
            } else {
                put('"');
                put((String) plain);
                put('"');
            }
        }

        /**
         * True when plainValue gives a Double whose {@link Double#toString} is the very text: for a decimal
         * {@code x} with a non-zero last fraction digit, at most 15 significant digits and
         * {@code 0.01 <= |x| < 10^6}. The double nearest {@code x} is no whole number, and no other decimal of
         * at most 15 digits rounds to it, so the shortest decimal that does is {@code x} itself, which
         * {@code Double.toString} writes in plain notation (|x| in [10^-3, 10^7)) with exactly x's fraction
         * digits. Before JDK 19 Double.toString was not always the shortest: there every decimal with one or two
         * fraction digits below 10^6 (99,000,000 of them, negatives too) was checked to spell itself on JDK
         * 17.0.15 (FastRowPathTest checks a sample on the JDK that runs it); any other is spelled and compared.
         */
        private boolean spellsItself(int from, int to, boolean negative, int whole, int point, int fraction, int fractionDigits) {
            if (SHORTEST_DOUBLE_TO_STRING || fractionDigits <= 2) {
                return true;
            }
            long digits = 0;
            for (int i = whole; i < point; i++) {
                digits = digits * 10 + (bytes[i] - '0');
            }
            for (int i = fraction; i < to; i++) {
                digits = digits * 10 + (bytes[i] - '0');
            }
            // Both exact (digits < 10^15 < 2^53), so the quotient is the double nearest the decimal.
            double value = digits / POWERS_OF_TEN[fractionDigits];
            String text = Double.toString(negative ? -value : value);
            if (text.length() != to - from) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != bytes[from + i]) {
                    return false;
                }
            }
            return true;
        }

        // ---------------------------------------------------------------- output buffer

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }

        private void put(char c) {
            ensure(1);
            out[size++] = (byte) c;
        }

        private void put(byte[] text) {
            ensure(text.length);
            System.arraycopy(text, 0, out, size, text.length);
            size += text.length;
        }

        private void put(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                out[size++] = (byte) ascii.charAt(i);
            }
        }

        private void copy(int from, int to) {
            ensure(to - from);
            System.arraycopy(bytes, from, out, size, to - from);
            size += to - from;
        }
    }
}
