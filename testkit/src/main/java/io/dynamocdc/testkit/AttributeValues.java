package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB attribute values as they travel on the wire ({@code {"S": "x"}}, {@code {"N": "1.5"}} …),
 * held as Jackson nodes. Values are stored <em>canonical</em>: numbers normalised as DynamoDB stores
 * them ({@code "1.50"} → {@code "1.5"}), sets sorted and free of duplicates, so two values are equal
 * exactly when their nodes are equal.
 */
public final class AttributeValues {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** DynamoDB keeps 38 significant digits; magnitudes from 1E-130 to below 1E+126. */
    private static final int MAX_DIGITS = 38;

    private AttributeValues() {
    }

    /** The value's type descriptor: S, N, B, BOOL, NULL, M, L, SS, NS or BS. */
    public static String type(JsonNode value) {
        return value.fieldNames().next();
    }

    public static ObjectNode number(BigDecimal number) {
        return NODES.objectNode().put("N", numberText(number));
    }

    public static BigDecimal numberValue(JsonNode value) {
        return new BigDecimal(value.get("N").asText());
    }

    /**
     * The canonical form of a value from a request, checked as DynamoDB checks it.
     *
     * @throws DynamoDbException a ValidationException naming what is wrong
     */
    public static JsonNode canonical(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            throw DynamoDbException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = value.fields().next();
        JsonNode inner = only.getValue();
        switch (only.getKey()) {
            case "S" -> {
                requireText(inner, "S");
                return value;
            }
            case "N" -> {
                requireText(inner, "N");
                return NODES.objectNode().put("N", numberText(parseNumber(inner.asText())));
            }
            case "B" -> {
                requireText(inner, "B");
                // One spelling per byte string (padding and all), so equal binaries are equal nodes.
                return NODES.objectNode().put("B", Base64.getEncoder().encodeToString(decodeBinary(inner.asText())));
            }
            case "BOOL" -> {
                if (!inner.isBoolean()) {
                    throw DynamoDbException.validation("BOOL must be true or false");
                }
                return value;
            }
            case "NULL" -> {
                if (!inner.isBoolean() || !inner.asBoolean()) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return value;
            }
            case "M" -> {
                if (!inner.isObject()) {
                    throw DynamoDbException.validation("M must be a map of attribute values");
                }
                ObjectNode map = NODES.objectNode();
                inner.fields().forEachRemaining(entry -> map.set(entry.getKey(), canonical(entry.getValue())));
                return NODES.objectNode().set("M", map);
            }
            case "L" -> {
                if (!inner.isArray()) {
                    throw DynamoDbException.validation("L must be a list of attribute values");
                }
                ArrayNode list = NODES.arrayNode();
                inner.forEach(element -> list.add(canonical(element)));
                return NODES.objectNode().set("L", list);
            }
            case "SS", "NS", "BS" -> {
                return canonicalSet(only.getKey(), inner);
            }
            default -> throw DynamoDbException.validation("Supplied AttributeValue has an unsupported datatype: " + only.getKey());
        }
    }

    private static JsonNode canonicalSet(String type, JsonNode inner) {
        if (!inner.isArray()) {
            throw DynamoDbException.validation(type + " must be a list of strings");
        }
        if (inner.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: An string set  may not be empty");
        }
        List<String> members = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode member : inner) {
            requireText(member, type);
            String text = member.asText();
            if (type.equals("NS")) {
                text = numberText(parseNumber(text));
            } else if (type.equals("BS")) {
                text = Base64.getEncoder().encodeToString(decodeBinary(text));
            }
            if (!seen.add(text)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Input collection "
                        + inner + " contains duplicates.");
            }
            members.add(text);
        }
        members.sort(type.equals("NS") ? Comparator.comparing(BigDecimal::new) : Comparator.naturalOrder());
        ArrayNode set = NODES.arrayNode();
        members.forEach(set::add);
        return NODES.objectNode().set(type, set);
    }

    /** A number as DynamoDB stores it: no trailing zeros, no exponent below 1E+38. */
    public static String numberText(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < -MAX_DIGITS ? stripped.toString() : stripped.toPlainString();
    }

    /**
     * @throws DynamoDbException when the text is not a number DynamoDB can hold
     */
    public static BigDecimal parseNumber(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("A value provided cannot be converted into a number");
        }
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent > 125) {
            throw DynamoDbException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < -130) {
            throw DynamoDbException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }

    public static byte[] decodeBinary(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.validation("Invalid Binary: base64 decoding failed");
        }
    }

    private static void requireText(JsonNode node, String type) {
        if (!node.isTextual()) {
            throw DynamoDbException.validation("The " + type + " value must be a string");
        }
    }

    /** Canonical copies of every attribute of an item from a request. */
    public static ObjectNode canonicalItem(JsonNode item, String parameter) {
        if (item == null || !item.isObject()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + parameter
                    + "' failed to satisfy constraint: Member must not be null");
        }
        ObjectNode canonical = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().isEmpty()) {
                throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeName field is empty.");
            }
            canonical.set(field.getKey(), canonical(field.getValue()));
        }
        return canonical;
    }

    /**
     * Orders two scalar values of the same type as DynamoDB does for sort keys and comparisons:
     * numbers by value, strings by UTF-8 bytes, binaries by unsigned bytes.
     *
     * @return negative, zero or positive; throws when the types differ or are not S, N or B
     */
    public static int compare(JsonNode left, JsonNode right) {
        String type = type(left);
        if (!type.equals(type(right))) {
            throw new IllegalArgumentException("cannot compare " + type + " with " + type(right));
        }
        return switch (type) {
            case "N" -> numberValue(left).compareTo(numberValue(right));
            case "S" -> compareUnsigned(left.get("S").asText().getBytes(StandardCharsets.UTF_8),
                    right.get("S").asText().getBytes(StandardCharsets.UTF_8));
            case "B" -> compareUnsigned(decodeBinary(left.get("B").asText()), decodeBinary(right.get("B").asText()));
            default -> throw new IllegalArgumentException("cannot order values of type " + type);
        };
    }

    private static int compareUnsigned(byte[] left, byte[] right) {
        return java.util.Arrays.compareUnsigned(left, right);
    }

    /**
     * The value's size as DynamoDB counts it for item size: UTF-8 bytes of strings, raw bytes of
     * binaries, about one byte per two digits of a number plus one, one byte for BOOL and NULL,
     * three bytes of overhead for maps and lists plus one per element.
     */
    public static int size(JsonNode value) {
        JsonNode inner = value.elements().next();
        return switch (type(value)) {
            case "S" -> utf8Length(inner.asText());
            case "N" -> numberSize(inner.asText());
            case "B" -> decodeBinary(inner.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(inner, member -> utf8Length(member.asText()));
            case "NS" -> sum(inner, member -> numberSize(member.asText()));
            case "BS" -> sum(inner, member -> decodeBinary(member.asText()).length);
            case "L" -> 3 + sum(inner, element -> 1 + size(element));
            case "M" -> {
                int size = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = inner.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    size += 1 + utf8Length(entry.getKey()) + size(entry.getValue());
                }
                yield size;
            }
            default -> 0;
        };
    }

    /** An item's size: every attribute's name and value. */
    public static int itemSize(JsonNode item) {
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            size += utf8Length(entry.getKey()) + size(entry.getValue());
        }
        return size;
    }

    private static int numberSize(String text) {
        BigDecimal number = new BigDecimal(text);
        int digits = number.signum() == 0 ? 1 : number.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    private static int sum(JsonNode array, java.util.function.ToIntFunction<JsonNode> size) {
        int total = 0;
        for (JsonNode element : array) {
            total += size.applyAsInt(element);
        }
        return total;
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
