package io.dynamocdc.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns {@code ApproximateCreationDateTime} into microseconds since the epoch. DynamoDB Streams send
 * epoch seconds (a fraction may follow); Kinesis Data Streams for DynamoDB send milliseconds or
 * microseconds; the AWS CLI prints ISO-8601 text. Fractions are taken from the decimal text, never
 * through a double, so microseconds survive.
 */
final class CreationTimes {

    /** Above this, a Kinesis timestamp without a precision field is in microseconds (1e14 ms is year 5138). */
    private static final long MICROS_THRESHOLD = 100_000_000_000_000L;
    /** Epoch seconds at or above this (year 5138) are surely not seconds: fail rather than guess. */
    private static final long MAX_PLAUSIBLE_SECONDS = 100_000_000_000L;

    private static final BigDecimal MIN_MICROS = BigDecimal.valueOf(-62_167_219_200L).movePointRight(6);
    private static final BigDecimal MAX_MICROS = BigDecimal.valueOf(253_402_300_799L).movePointRight(6);

    private CreationTimes() {
    }

    /**
     * @param value  a {@link Long}, a {@link BigDecimal} or ISO-8601 {@link String}
     * @param format the record's shape, which sets the unit of a number
     * @param precision Kinesis' {@code ApproximateCreationDateTimePrecision} or {@code null}
     * @return microseconds since the epoch
     * @throws IllegalArgumentException with the reason, when the value is no time
     */
    static long toMicros(Object value, RecordFormat format, String precision) {
        if (value instanceof String text) {
            return fromText(text, format, precision);
        }
        BigDecimal number = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
        if (format == RecordFormat.KINESIS_DATA_STREAMS) {
            boolean micros = precision != null
                    ? "MICROSECOND".equals(precision)
                    : number.abs().compareTo(BigDecimal.valueOf(MICROS_THRESHOLD)) >= 0;
            if (precision != null && !micros && !"MILLISECOND".equals(precision)) {
                throw new IllegalArgumentException("ApproximateCreationDateTimePrecision '" + precision
                        + "' is neither MILLISECOND nor MICROSECOND");
            }
            return micros ? exact(number) : exact(number.movePointRight(3));
        }
        if (number.abs().compareTo(BigDecimal.valueOf(MAX_PLAUSIBLE_SECONDS)) >= 0) {
            throw new IllegalArgumentException(number.toPlainString()
                    + " is not epoch seconds (a DynamoDB Streams record's unit); milliseconds come only in Kinesis-shaped records");
        }
        return exact(number.movePointRight(6));
    }

    private static long fromText(String text, RecordFormat format, String precision) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && (Character.isDigit(trimmed.charAt(0)) || trimmed.charAt(0) == '-') && trimmed.indexOf('T') < 0) {
            try {
                return toMicros(new BigDecimal(trimmed), format, precision);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is neither a number nor an ISO-8601 time");
            }
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(trimmed);
            return exact(BigDecimal.valueOf(time.toEpochSecond()).movePointRight(6).add(BigDecimal.valueOf(time.getNano() / 1_000L)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a number nor an ISO-8601 time with an offset");
        }
    }

    private static long exact(BigDecimal micros) {
        // Sub-microsecond digits round half-even, as Python's datetime does.
        BigDecimal whole = micros.setScale(0, RoundingMode.HALF_EVEN);
        if (whole.compareTo(MIN_MICROS) < 0 || whole.compareTo(MAX_MICROS) > 0) {
            throw new IllegalArgumentException(micros.movePointLeft(6).toPlainString()
                    + " seconds since the epoch is outside the years 0000-9999");
        }
        return whole.longValueExact();
    }
}
