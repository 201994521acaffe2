package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UtcTimestampsTest {

    @Test
    void wholeSecondsHaveNoFractionAsPythonsIsoformat() {
        assertThat(UtcTimestamps.format(1_761_955_205_000_000L)).isEqualTo("2025-11-01T00:00:05Z");
    }

    @Test
    void fractionsHaveSixDigits() {
        assertThat(UtcTimestamps.format(1_761_955_205_000_001L)).isEqualTo("2025-11-01T00:00:05.000001Z");
        assertThat(UtcTimestamps.format(-1L)).isEqualTo("1969-12-31T23:59:59.999999Z");
    }

    @Test
    void partitionParts() {
        assertThat(UtcTimestamps.date(1_761_958_805_000_000L)).isEqualTo("2025-11-01");
        assertThat(UtcTimestamps.hour(1_761_958_805_000_000L)).isEqualTo("01");
    }

    /** Agrees with java.time over years 0000 to 9999, leap days included. */
    @Property(tries = 2000)
    void agreesWithJavaTime(@ForAll @LongRange(min = -62_167_219_200_000_000L, max = 253_402_300_799_999_999L) long micros) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String expected = utc.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"))
                + (utc.getNano() == 0 ? "" : String.format(".%06d", utc.getNano() / 1000)) + "Z";

        assertThat(UtcTimestamps.format(micros)).isEqualTo(expected);
        assertThat(UtcTimestamps.date(micros)).isEqualTo(expected.substring(0, 10));
        assertThat(UtcTimestamps.hour(micros)).isEqualTo(expected.substring(11, 13));
    }
}
