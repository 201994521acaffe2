package io.dynamocdc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynamocdc.transform.ChangeEvent;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the transform's core on one thread: one operation is one DynamoDB Streams record (bytes)
 * through {@link JsonTransform} with default options to one row (bytes, no newline) — what the Lambda
 * does per Firehose record, minus base64 and the batch envelope.
 *
 * <ul>
 *   <li>{@link #transform} — {@code JsonTransform.apply}: parse + write, the figure the target is about.</li>
 *   <li>{@link #parse} — {@code JsonTransform.parse} alone: record bytes to a {@link ChangeEvent}.</li>
 *   <li>{@link #write} — {@code JsonTransform.toJson} alone, from events parsed in setup.</li>
 *   <li>{@link #jacksonTokenWalk} — a floor, not a feature: Jackson's streaming parser stepping over every
 *       token of the same bytes without reading a value. No Jackson-based reader can beat it.</li>
 * </ul>
 *
 * The records are {@value #DISTINCT_RECORDS} distinct seed-order MODIFYs from {@link SeedOrders}
 * (fixed seed), cycled so that branch predictors and caches see realistic variety.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class TransformBenchmark {

    static final int DISTINCT_RECORDS = 1024;
    private static final int MASK = DISTINCT_RECORDS - 1;
    private static final JsonFactory JSON = new JsonFactory();

    private JsonTransform transform;
    private byte[][] records;
    private ChangeEvent[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        transform = JsonTransform.create(TransformOptions.defaults());
        List<byte[]> generated = SeedOrders.records(DISTINCT_RECORDS);
        records = generated.toArray(new byte[0][]);
        events = new ChangeEvent[DISTINCT_RECORDS];
        for (int i = 0; i < DISTINCT_RECORDS; i++) {
            events[i] = transform.parse(records[i]);
            if (transform.toJson(events[i]) == null) {
                throw new IllegalStateException("record " + i + " produced no row");
            }
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & MASK;
        return i;
    }

    @Benchmark
    public void transform(Blackhole blackhole) {
        blackhole.consume(transform.apply(records[nextIndex()]));
    }

    @Benchmark
    public void parse(Blackhole blackhole) {
        blackhole.consume(transform.parse(records[nextIndex()]));
    }

    @Benchmark
    public void write(Blackhole blackhole) {
        blackhole.consume(transform.toJson(events[nextIndex()]));
    }

    @Benchmark
    public void jacksonTokenWalk(Blackhole blackhole) throws IOException {
        int tokens = 0;
        try (JsonParser parser = JSON.createParser(records[nextIndex()])) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens += token.id();
            }
        }
        blackhole.consume(tokens);
    }
}
