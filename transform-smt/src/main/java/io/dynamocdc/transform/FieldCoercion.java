package io.dynamocdc.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Coerces an attribute value to a declared column type, or says exactly why it does not fit. Never
 * rounds: a decimal with more fraction digits than the column's scale is an error, not a quiet change.
 *
 * <p>Results: string and json → {@link String}; int → {@link Integer}; long → {@link Long}; double →
 * {@link Double}; decimal(p,s) → {@link BigDecimal} with scale s; boolean → {@link Boolean}; timestamp
 * → {@link Instant}. DynamoDB NULL gives {@code null} for every type.
 */
public final class FieldCoercion {

    private FieldCoercion() {
    }

    /** @throws IllegalArgumentException with the reason the value does not fit */
    public static Object coerce(AttributeValue value, FieldType type) {
        if (value == null || value instanceof AttributeValue.Null) {
            return null;
        }
        return switch (type.kind()) {
            case STRING -> asString(value);
            case JSON -> PlainJson.toText(value);
            case INT -> {
                BigDecimal number = number(value, type);
                try {
                    yield number.intValueExact();
                } catch (ArithmeticException e) {
                    throw doesNotFit(value, type, "not a whole number within 32 bits");
                }
            }
            case LONG -> {
                BigDecimal number = number(value, type);
                try {
                    yield number.longValueExact();
                } catch (ArithmeticException e) {
                    throw doesNotFit(value, type, "not a whole number within 64 bits");
                }
            }
            case DOUBLE -> number(value, type).doubleValue();
            case DECIMAL -> decimal(value, type);
            case BOOLEAN -> bool(value, type);
            case TIMESTAMP -> timestamp(value, type);
        };
    }

    private static String asString(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return n.text();
        }
        if (value instanceof AttributeValue.B b) {
            return b.base64();
        }
        if (value instanceof AttributeValue.Bool b) {
            return b.value() ? "true" : "false";
        }
        return PlainJson.toText(value);
    }

    private static BigDecimal number(AttributeValue value, FieldType type) {
        String text;
        if (value instanceof AttributeValue.N n) {
            text = n.text();
        } else if (value instanceof AttributeValue.S s) {
            text = DynamoNumbers.toJsonNumber(s.value());
            if (text == null) {
                throw doesNotFit(value, type, "the string is not a number");
            }
        } else {
            throw doesNotFit(value, type, "a " + value.type() + " value is not a number");
        }
        return new BigDecimal(text);
    }

    private static BigDecimal decimal(AttributeValue value, FieldType type) {
        BigDecimal number = number(value, type);
        BigDecimal scaled;
        try {
            scaled = number.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw doesNotFit(value, type, "more than " + type.scale() + " digits after the point (no rounding is done)");
        }
        if (scaled.precision() > type.precision()) {
            throw doesNotFit(value, type, "more than " + type.precision() + " digits");
        }
        return scaled;
    }

    private static Boolean bool(AttributeValue value, FieldType type) {
        if (value instanceof AttributeValue.Bool b) {
            return b.value();
        }
        if (value instanceof AttributeValue.S s) {
            if ("true".equalsIgnoreCase(s.value())) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s.value())) {
                return Boolean.FALSE;
            }
        }
        throw doesNotFit(value, type, "expected BOOL, or the string true or false");
    }

    private static Instant timestamp(AttributeValue value, FieldType type) {
        try {
            long micros;
            if (value instanceof AttributeValue.N n) {
                micros = CreationTimes.toMicros(n.decimal(), RecordFormat.DYNAMODB_STREAMS, null);
            } else if (value instanceof AttributeValue.S s) {
                micros = CreationTimes.toMicros(s.value(), RecordFormat.DYNAMODB_STREAMS, null);
            } else {
                throw doesNotFit(value, type, "expected epoch seconds (N) or ISO-8601 text (S)");
            }
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        } catch (IllegalArgumentException e) {
            if (e instanceof ValueDoesNotFit) {
                throw e;
            }
            throw doesNotFit(value, type, e.getMessage(), "not a time");
        }
    }

    /** @param why a reason of our own wording, free of record values */
    private static ValueDoesNotFit doesNotFit(AttributeValue value, FieldType type, String why) {
        return doesNotFit(value, type, why, why);
    }

    private static ValueDoesNotFit doesNotFit(AttributeValue value, FieldType type, String why, String whyWithoutValues) {
        String shown = value instanceof AttributeValue.S || value instanceof AttributeValue.N
                ? ChangeEventParser.abbreviate(asString(value)) : value.type() + " value";
        return new ValueDoesNotFit("value '" + shown + "' does not fit " + type + ": " + why,
                "a " + value.type() + " value does not fit " + type + ": " + whyWithoutValues);
    }

    /** Why a value cannot take a declared type. */
    static final class ValueDoesNotFit extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String withoutValues;

        ValueDoesNotFit(String message, String withoutValues) {
            super(message);
            this.withoutValues = withoutValues;
        }

        /** The reason without the value itself. */
        String withoutValues() {
            return withoutValues;
        }
    }
}
