package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API call: the operation (from {@code X-Amz-Target}), the region (from the request's signature
 * scope) and the JSON body, with readers that fail as DynamoDB's input validation does.
 */
record Request(String operation, String region, ObjectNode body) {

    String requiredText(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!value.isTextual()) {
            throw DynamoDbException.validation("Value of '" + member + "' must be a string");
        }
        return value.asText();
    }

    String text(String member, String otherwise) {
        JsonNode value = body.get(member);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    /** An integer member within [min, max], or {@code otherwise} when absent. */
    int integer(String member, int min, int max, int otherwise) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + value.asText() + "' at '"
                    + lowerFirst(member) + "' failed to satisfy constraint: Member must have value "
                    + (min == 1 ? "greater than or equal to 1" : "between " + min + " and " + max)
                    + (max < Integer.MAX_VALUE && min == 1 ? " and less than or equal to " + max : ""));
        }
        return value.asInt();
    }

    boolean bool(String member, boolean otherwise) {
        JsonNode value = body.get(member);
        return value == null || value.isNull() ? otherwise : value.asBoolean();
    }

    ObjectNode object(String member) {
        JsonNode value = body.get(member);
        return value instanceof ObjectNode object ? object : null;
    }

    JsonNode node(String member) {
        return body.get(member);
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
