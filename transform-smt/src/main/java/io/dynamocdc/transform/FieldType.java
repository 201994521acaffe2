package io.dynamocdc.transform;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column type in {@code row.fields}: string, int, long, double, decimal(p,s), boolean, timestamp or json. */
public final class FieldType {

    /** The kinds of column. */
    public enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP, JSON }

    /** DynamoDB numbers carry at most 38 significant digits. */
    public static final int MAX_PRECISION = 38;

    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private final Kind kind;
    private final int precision;
    private final int scale;

    private FieldType(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    public static FieldType of(Kind kind) {
        if (kind == Kind.DECIMAL) {
            throw new IllegalArgumentException("decimal needs a precision and scale: use decimal(p, s)");
        }
        return new FieldType(kind, 0, 0);
    }

    public static FieldType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("decimal precision " + precision + " is outside 1.." + MAX_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal scale " + scale + " is outside 0.." + precision);
        }
        return new FieldType(Kind.DECIMAL, precision, scale);
    }

    /** Parses a type name; throws IllegalArgumentException naming the accepted types. */
    public static FieldType parse(String text) {
        String type = text.trim().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        switch (type) {
            case "string":
                return of(Kind.STRING);
            case "int":
                return of(Kind.INT);
            case "long":
                return of(Kind.LONG);
            case "double":
                return of(Kind.DOUBLE);
            case "boolean":
                return of(Kind.BOOLEAN);
            case "timestamp":
                return of(Kind.TIMESTAMP);
            case "json":
                return of(Kind.JSON);
            default:
                throw new IllegalArgumentException("unknown type '" + text.trim()
                        + "': expected string, int, long, double, decimal(p,s), boolean, timestamp or json");
        }
    }

    public Kind kind() {
        return kind;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldType type && type.kind == kind && type.precision == precision && type.scale == scale;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + precision) * 31 + scale;
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL
                ? "decimal(" + precision + "," + scale + ")"
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
