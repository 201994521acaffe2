package io.dynamocdc.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the RIC's framed telemetry log format: a 16-byte big-endian header, then the payload. */
final class TelemetryFrames {

    private static final int MAGIC = 0xA55A;
    private static final int TIMESTAMP_PRESENT = 0x2;

    static List<String> read(byte[] stream, RicProcess ric) {
        List<String> payloads = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream); // big-endian
        long now = System.currentTimeMillis() * 1000;
        while (in.hasRemaining()) {
            assertThat(in.remaining()).as("a frame header at byte %d%s", in.position(), ric.logs())
                    .isGreaterThanOrEqualTo(16);
            int type = in.getInt();
            assertThat(type >>> 16).as("frame magic at byte %d%s", in.position() - 4, ric.logs()).isEqualTo(MAGIC);
            assertThat(type & TIMESTAMP_PRESENT).as("timestamp flag").isEqualTo(TIMESTAMP_PRESENT);
            int length = in.getInt();
            long micros = in.getLong();
            assertThat(micros).as("frame timestamp (µs)").isBetween(now - 3_600_000_000L, now + 60_000_000L);
            assertThat(length).as("frame length at byte %d", in.position() - 16).isBetween(0, in.remaining());
            byte[] payload = new byte[length];
            in.get(payload);
            payloads.add(new String(payload, UTF_8));
        }
        return payloads;
    }
}
