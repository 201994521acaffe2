package io.dynamocdc.transform;

/**
 * Formats epoch microseconds as ISO-8601 UTC text the way the seed's Lambda did
 * ({@code datetime.utcfromtimestamp(t).isoformat() + 'Z'}): {@code 2025-10-01T12:00:05Z}, or with six
 * fraction digits when the time has a fraction. Hand-rolled because it runs once per row.
 */
public final class UtcTimestamps {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;

    /** The last time formatted: the records of one batch often share their second. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, null);

    private record Formatted(long micros, String text) {
    }

    private UtcTimestamps() {
    }

    public static String format(long epochMicros) {
        Formatted cached = last;
        if (cached.micros() == epochMicros) {
            return cached.text();
        }
        String text = formatNow(epochMicros);
        last = new Formatted(epochMicros, text);
        return text;
    }

    private static String formatNow(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);

        char[] out = new char[micros == 0 ? 20 : 27];
        writeDate(days, out);
        out[10] = 'T';
        two(out, 11, secondOfDay / 3600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        int end = 19;
        if (micros != 0) {
            out[19] = '.';
            for (int i = 25; i >= 20; i--) {
                out[i] = (char) ('0' + micros % 10);
                micros /= 10;
            }
            end = 26;
        }
        out[end] = 'Z';
        return new String(out);
    }

    /** {@code yyyy-MM-dd} of the UTC day holding the instant. */
    public static String date(long epochMicros) {
        char[] out = new char[10];
        writeDate(Math.floorDiv(Math.floorDiv(epochMicros, MICROS_PER_SECOND), SECONDS_PER_DAY), out);
        return new String(out);
    }

    /** {@code HH}, the UTC hour of the instant. */
    public static String hour(long epochMicros) {
        int secondOfDay = (int) Math.floorMod(Math.floorDiv(epochMicros, MICROS_PER_SECOND), SECONDS_PER_DAY);
        char[] out = new char[2];
        two(out, 0, secondOfDay / 3600);
        return new String(out);
    }

    /** Civil date from days since 1970-01-01 (proleptic Gregorian; years 0000–9999). */
    private static void writeDate(long epochDay, char[] out) {
        // Howard Hinnant's days-to-civil algorithm.
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is outside 0000-9999");
        }
        int y = (int) year;
        out[0] = (char) ('0' + y / 1000);
        out[1] = (char) ('0' + y / 100 % 10);
        out[2] = (char) ('0' + y / 10 % 10);
        out[3] = (char) ('0' + y % 10);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, day);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
