package io.dynamocdc.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.dynamocdc.lambda.BridgeConfig;
import io.dynamocdc.lambda.FirehoseEvent;
import io.dynamocdc.lambda.FirehoseResponse;
import io.dynamocdc.lambda.FirehoseTransformHandler;
import io.dynamocdc.lambda.TransformationResult;
import io.dynamocdc.transform.ChangeEvent;
import io.dynamocdc.transform.JsonTransform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Firehose transformation Lambda, warm, on one thread: one invocation is one whole event of
 * {@value #RECORDS} seed-order records ({@link FirehoseEvents}, about 5 MB) through
 * {@code new FirehoseTransformHandler().handleRequest(in, out, context)}, from the event's bytes to the
 * response's bytes, with a {@link Context} whose logger discards. {@code @OperationsPerInvocation}
 * makes every score <b>records/s</b>; divide by {@value #RECORDS} for events/s.
 *
 * <ul>
 *   <li>{@link #handler} — the figure the target is about: what the function does per invocation.</li>
 * </ul>
 *
 * Where the time goes, on the same event (each also in records/s, so 1e6 / score is µs per record):
 * <ul>
 *   <li>{@link #stageReadEvent}, {@link #stageProcess}, {@link #stageWriteResponse} — the handler's three
 *       stages alone: the bridge's event reader (the event's JSON to records), its batch processor (per
 *       record base64 decode, record to row, partition keys, response-size bookkeeping) and its response
 *       writer (the answer's JSON, rows base64-encoded, partition-key metadata).</li>
 *   <li>{@link #partBase64Decode}, {@link #partTransformLine}, {@link #partBase64Encode} — the per-record
 *       pieces of those stages: the bridge's base64 decoder on each record's data,
 *       {@code JsonTransform.transformLine} (stream record to row line, what the processor calls) and the
 *       bridge's base64 encoder on each row.</li>
 *   <li>{@link #partRecordParse}, {@link #partRowWrite} — for reference, the transform's general path in
 *       two halves ({@code JsonTransform.parse}, {@code JsonTransform.toJsonLine}), which
 *       {@code transformLine} falls back to when its one-pass path declines a record.</li>
 * </ul>
 * The stages and codec are package-private in {@code io.dynamocdc.lambda}; they are reached through
 * method handles held in static finals ({@link Stages}, {@link Codec}), so these benchmarks time the
 * function's own code, not a copy. Only the benchmarks that use them touch them: if the bridge's
 * internals move, those fail with a message saying so and {@link #handler} still runs.
 *
 * <p>Every setup checks once that its answer holds {@value #RECORDS} records, all {@code Ok}, with rows,
 * so no benchmark can be measuring a failure path.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
@OperationsPerInvocation(FirehoseHandlerBenchmark.RECORDS)
public class FirehoseHandlerBenchmark {

    static final int RECORDS = 5_000;

    private static final String BRIDGE = "io.dynamocdc.lambda.";
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(8 * 1024 * 1024).build())
            .build();

    private byte[] event;
    private final Sink sink = new Sink(2 * 1024 * 1024);
    private final Context context = new DiscardingContext();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        event = FirehoseEvents.event(RECORDS);
        sink.reset();
        new FirehoseTransformHandler().handleRequest(new ByteArrayInputStream(event), sink, context);
        checkResponse(sink.toByteArray());
    }

    /** The whole invocation: event bytes in, response bytes out. Returns the response's size. */
    @Benchmark
    public int handler() throws IOException {
        sink.reset();
        new FirehoseTransformHandler().handleRequest(new ByteArrayInputStream(event), sink, context);
        return sink.size();
    }

    @Benchmark
    public FirehoseEvent stageReadEvent(StageInputs inputs) throws Throwable {
        return (FirehoseEvent) Stages.READ.invokeExact(inputs.event);
    }

    @Benchmark
    public FirehoseResponse stageProcess(StageInputs inputs) throws Throwable {
        return (FirehoseResponse) Stages.PROCESS.invokeExact(inputs.parsed);
    }

    @Benchmark
    public int stageWriteResponse(StageInputs inputs) throws Throwable {
        inputs.sink.reset();
        Stages.WRITE.invokeExact(inputs.response, (OutputStream) inputs.sink);
        return inputs.sink.size();
    }

    @Benchmark
    public int partBase64Decode(RecordInputs inputs) throws Throwable {
        int bytes = 0;
        for (byte[] text : inputs.data) {
            bytes += ((byte[]) Codec.DECODE.invokeExact(text, 0, text.length)).length;
        }
        return bytes;
    }

    @Benchmark
    public int partTransformLine(RecordInputs inputs) {
        int bytes = 0;
        for (byte[] payload : inputs.payloads) {
            bytes += inputs.transform.transformLine(payload).line().length;
        }
        return bytes;
    }

    @Benchmark
    public int partRecordParse(RecordInputs inputs) {
        int hash = 0;
        for (byte[] payload : inputs.payloads) {
            hash += inputs.transform.parse(payload).hashCode();
        }
        return hash;
    }

    @Benchmark
    public int partRowWrite(RecordInputs inputs) {
        int bytes = 0;
        for (ChangeEvent change : inputs.changes) {
            bytes += inputs.transform.toJsonLine(change).length;
        }
        return bytes;
    }

    @Benchmark
    public int partBase64Encode(RecordInputs inputs) throws Throwable {
        Object out = Codec.NEW_SINK.invokeExact(inputs.encodedBytes);
        for (byte[] row : inputs.rows) {
            Codec.ENCODE.invokeExact(row, 0, row.length, out);
        }
        return (int) Codec.SINK_SIZE.invokeExact(out);
    }

    /** Inputs of the stage benchmarks: the event, and what each stage before the measured one made of it. */
    @State(Scope.Thread)
    public static class StageInputs {
        byte[] event;
        FirehoseEvent parsed;
        FirehoseResponse response;
        final Sink sink = new Sink(2 * 1024 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws Throwable {
            event = FirehoseEvents.event(RECORDS);
            parsed = (FirehoseEvent) Stages.READ.invokeExact(event);
            response = (FirehoseResponse) Stages.PROCESS.invokeExact(parsed);
            expect(response.records().size() == RECORDS && response.count(TransformationResult.OK) == RECORDS,
                    "the batch processor did not answer " + RECORDS + " Ok records");
            Stages.WRITE.invokeExact(response, (OutputStream) sink);
            checkResponse(sink.toByteArray());
        }
    }

    /** Inputs of the per-record benchmarks: each record's base64 text, payload, change and row. */
    @State(Scope.Thread)
    public static class RecordInputs {
        JsonTransform transform;
        byte[][] data;
        byte[][] payloads;
        ChangeEvent[] changes;
        byte[][] rows;
        int encodedBytes;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            transform = JsonTransform.create(BridgeConfig.fromEnvironment(System.getenv()).transformOptions());
            List<byte[]> texts = new ArrayList<>(RECORDS);
            try (JsonParser parser = JSON.createParser(FirehoseEvents.event(RECORDS))) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    if (token == JsonToken.VALUE_STRING && "data".equals(parser.currentName())) {
                        texts.add(parser.getText().getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            expect(texts.size() == RECORDS, "the event has " + texts.size() + " data fields");
            data = texts.toArray(new byte[0][]);
            payloads = new byte[RECORDS][];
            changes = new ChangeEvent[RECORDS];
            rows = new byte[RECORDS][];
            for (int i = 0; i < RECORDS; i++) {
                payloads[i] = Base64.getDecoder().decode(data[i]);
                changes[i] = transform.parse(payloads[i]);
                rows[i] = transform.toJsonLine(changes[i]);
                expect(rows[i] != null && rows[i][rows[i].length - 1] == '\n', "record " + i + " gave no row");
                expect(Arrays.equals(rows[i], transform.transformLine(payloads[i]).line()),
                        "transformLine and toJsonLine(parse) disagree on record " + i);
                encodedBytes += (rows[i].length + 2) / 3 * 4;
            }
        }
    }

    /**
     * The bridge's three stages as method handles: {@code FirehoseEventReader.read(byte[])},
     * {@code FirehoseBatchProcessor.process(event, BridgeLog.discarding()).response()} with the
     * configuration from the environment, and {@code FirehoseResponseWriter.write(response, out)}.
     */
    static final class Stages {
        static final MethodHandle READ;    // (byte[]) FirehoseEvent
        static final MethodHandle PROCESS; // (FirehoseEvent) FirehoseResponse
        static final MethodHandle WRITE;   // (FirehoseResponse, OutputStream) void

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                READ = lookup.unreflect(method(BRIDGE + "FirehoseEventReader", "read", byte[].class))
                        .bindTo(newInstance(BRIDGE + "FirehoseEventReader"));
                Class<?> logClass = Class.forName(BRIDGE + "BridgeLog");
                Object log = method(BRIDGE + "BridgeLog", "discarding").invoke(null);
                Object processor = newInstance(BRIDGE + "FirehoseBatchProcessor", BridgeConfig.class,
                        BridgeConfig.fromEnvironment(System.getenv()));
                MethodHandle process = MethodHandles.insertArguments(lookup.unreflect(
                        method(BRIDGE + "FirehoseBatchProcessor", "process", FirehoseEvent.class, logClass))
                        .bindTo(processor), 1, log);
                PROCESS = MethodHandles.filterReturnValue(process,
                        lookup.unreflect(method(BRIDGE + "FirehoseBatchProcessor$Outcome", "response")));
                WRITE = lookup.unreflect(method(BRIDGE + "FirehoseResponseWriter", "write", FirehoseResponse.class,
                        OutputStream.class)).bindTo(newInstance(BRIDGE + "FirehoseResponseWriter"));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the lambda bridge's stages are no longer where "
                        + "FirehoseHandlerBenchmark.Stages looks for them: " + e, e);
            }
        }

        private Stages() {
        }
    }

    /**
     * The bridge's base64 codec as method handles: {@code Base64Codec.decode(text, offset, length)} and
     * {@code Base64Codec.encode(bytes, offset, length, ByteSink)}, with the sink's constructor and size.
     */
    static final class Codec {
        static final MethodHandle DECODE;    // (byte[], int, int) byte[]
        static final MethodHandle ENCODE;    // (byte[], int, int, Object) void
        static final MethodHandle NEW_SINK;  // (int) Object
        static final MethodHandle SINK_SIZE; // (Object) int

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> codec = Class.forName(BRIDGE + "Base64Codec");
                Class<?> sinkClass = Class.forName(BRIDGE + "ByteSink");
                DECODE = lookup.unreflect(method(codec.getName(), "decode", byte[].class, int.class, int.class));
                ENCODE = lookup.unreflect(method(codec.getName(), "encode", byte[].class, int.class, int.class, sinkClass))
                        .asType(MethodType.methodType(void.class, byte[].class, int.class, int.class, Object.class));
                Constructor<?> constructor = sinkClass.getDeclaredConstructor(int.class);
                constructor.setAccessible(true);
                NEW_SINK = lookup.unreflectConstructor(constructor).asType(MethodType.methodType(Object.class, int.class));
                SINK_SIZE = lookup.unreflect(method(sinkClass.getName(), "size"))
                        .asType(MethodType.methodType(int.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the lambda bridge's base64 codec is no longer where "
                        + "FirehoseHandlerBenchmark.Codec looks for it: " + e, e);
            }
        }

        private Codec() {
        }
    }

    /** Fails unless the answer is {"records":[…]} with RECORDS entries, each Ok with a row and partition keys. */
    static void checkResponse(byte[] response) throws IOException {
        int records = 0;
        int ok = 0;
        int withKeys = 0;
        String firstRow = null;
        try (JsonParser parser = JSON.createParser(response)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT && "records".equals(parser.nextFieldName())
                    && parser.nextToken() == JsonToken.START_ARRAY, "not {\"records\":[…]}");
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                records++;
                String field;
                while ((field = parser.nextFieldName()) != null) {
                    JsonToken token = parser.nextToken();
                    switch (field) {
                        case "result" -> ok += "Ok".equals(parser.getText()) ? 1 : 0;
                        case "data" -> {
                            if (firstRow == null) {
                                firstRow = new String(Base64.getDecoder().decode(parser.getText()), StandardCharsets.UTF_8);
                            }
                        }
                        case "metadata" -> {
                            withKeys++;
                            parser.skipChildren();
                        }
                        default -> {
                            if (token.isStructStart()) {
                                parser.skipChildren();
                            }
                        }
                    }
                }
            }
        }
        expect(records == RECORDS, "the response has " + records + " records, not " + RECORDS);
        expect(ok == RECORDS, "only " + ok + " of " + RECORDS + " records are Ok");
        expect(withKeys == RECORDS, "only " + withKeys + " records carry partition keys");
        expect(firstRow != null && firstRow.startsWith("{\"orderid\":") && firstRow.endsWith("}\n"),
                "the first row is not a seed-order row: " + firstRow);
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("FirehoseHandlerBenchmark setup: " + message);
        }
    }

    private static Object newInstance(String className, Object... typesAndArguments) throws ReflectiveOperationException {
        Class<?>[] types = new Class<?>[typesAndArguments.length / 2];
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = (Class<?>) typesAndArguments[2 * i];
            arguments[i] = typesAndArguments[2 * i + 1];
        }
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }

    private static Method method(String className, String name, Class<?>... parameterTypes) throws ReflectiveOperationException {
        Method method = Class.forName(className).getDeclaredMethod(name, parameterTypes);
        method.setAccessible(true);
        return method;
    }

    /** A reusable, unsynchronised byte sink: the response goes here and is overwritten by the next one. */
    static final class Sink extends OutputStream {
        private byte[] buffer;
        private int size;

        Sink(int capacity) {
            buffer = new byte[capacity];
        }

        void reset() {
            size = 0;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /** What the Lambda runtime hands the handler, with a logger that discards every line. */
    static final class DiscardingContext implements Context {
        private static final LambdaLogger DISCARD = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };

        @Override
        public String getAwsRequestId() {
            return "c6af9ac6-7b61-11e6-9a41-93e812345678";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/dynamo-cdc-transform";
        }

        @Override
        public String getLogStreamName() {
            return "2026/11/25/[$LATEST]0123456789abcdef0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "dynamo-cdc-transform";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + SeedOrders.REGION + ":123456789012:function:dynamo-cdc-transform";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 300_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1_024;
        }

        @Override
        public LambdaLogger getLogger() {
            return DISCARD;
        }
    }

    /** Runs the handler's setup check outside JMH: {@code java -cp benchmarks.jar io.dynamocdc.bench.FirehoseHandlerBenchmark}. */
    public static void main(String[] args) throws Throwable {
        FirehoseHandlerBenchmark benchmark = new FirehoseHandlerBenchmark();
        benchmark.setUp();
        System.out.println("ok: event of " + RECORDS + " records, " + benchmark.event.length + " bytes; response "
                + benchmark.handler() + " bytes, all Ok");
    }
}
