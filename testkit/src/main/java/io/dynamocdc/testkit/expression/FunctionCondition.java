package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.Arrays;

/**
 * The functions that are conditions by themselves: attribute_exists, attribute_not_exists,
 * attribute_type, begins_with and contains. {@code argument} is null for the one-argument functions.
 */
record FunctionCondition(String function, DocumentPath path, Operand argument) implements Condition {

    @Override
    public boolean test(ObjectNode item) {
        JsonNode value = path.resolve(item);
        return switch (function) {
            case "attribute_exists" -> value != null;
            case "attribute_not_exists" -> value == null;
            case "attribute_type" -> value != null
                    && AttributeValues.type(value).equals(argument.evaluate(item).get("S").asText());
            case "begins_with" -> beginsWith(value, argument.evaluate(item));
            case "contains" -> contains(value, argument.evaluate(item));
            default -> throw new IllegalStateException("not a condition function: " + function);
        };
    }

    private static boolean beginsWith(JsonNode value, JsonNode prefix) {
        if (value == null || prefix == null || !AttributeValues.type(value).equals(AttributeValues.type(prefix))) {
            return false;
        }
        return switch (AttributeValues.type(value)) {
            case "S" -> value.get("S").asText().startsWith(prefix.get("S").asText());
            case "B" -> startsWith(bytes(value, "B"), bytes(prefix, "B"));
            default -> false;
        };
    }

    /** Substring of a string, member of a set of the operand's type, or element of a list. */
    private static boolean contains(JsonNode value, JsonNode operand) {
        if (value == null || operand == null) {
            return false;
        }
        String operandType = AttributeValues.type(operand);
        return switch (AttributeValues.type(value)) {
            case "S" -> operandType.equals("S") && value.get("S").asText().contains(operand.get("S").asText());
            case "SS", "NS" -> operandType.equals(AttributeValues.type(value).substring(0, 1))
                    && containsText(value.elements().next(), operand.elements().next().asText());
            case "BS" -> operandType.equals("B") && containsBinary(value.get("BS"), bytes(operand, "B"));
            case "L" -> containsElement(value.get("L"), operand);
            default -> false;
        };
    }

    private static boolean containsText(JsonNode members, String text) {
        for (JsonNode member : members) {
            if (member.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    // Binaries compare by their bytes: two base64 spellings of the same bytes are one value.
    private static boolean containsBinary(JsonNode members, byte[] wanted) {
        for (JsonNode member : members) {
            if (Arrays.equals(AttributeValues.decodeBinary(member.asText()), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsElement(JsonNode elements, JsonNode wanted) {
        for (JsonNode element : elements) {
            if (element.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(JsonNode value, String type) {
        return AttributeValues.decodeBinary(value.get(type).asText());
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }
}
