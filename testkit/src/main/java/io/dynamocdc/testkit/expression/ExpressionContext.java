package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamocdc.testkit.AttributeValues;
import io.dynamocdc.testkit.DynamoDbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all of its
 * expressions, remembering which placeholders they used.
 */
public final class ExpressionContext {

    private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    public ExpressionContext(JsonNode expressionAttributeNames, JsonNode expressionAttributeValues) {
        if (isPresent(expressionAttributeNames)) {
            if (expressionAttributeNames.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            }
            expressionAttributeNames.fields().forEachRemaining(entry -> {
                requireKey(entry.getKey(), NAME_KEY, "ExpressionAttributeNames");
                names.put(entry.getKey(), entry.getValue().asText());
            });
        }
        if (isPresent(expressionAttributeValues)) {
            if (expressionAttributeValues.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            }
            expressionAttributeValues.fields().forEachRemaining(entry -> {
                requireKey(entry.getKey(), VALUE_KEY, "ExpressionAttributeValues");
                values.put(entry.getKey(), canonicalValue(entry.getKey(), entry.getValue()));
            });
        }
    }

    /** After all of a request's expressions are parsed: DynamoDB rejects unused placeholders. */
    public void requireAllUsed() {
        requireUsed(names.keySet(), usedNames, "ExpressionAttributeNames");
        requireUsed(values.keySet(), usedValues, "ExpressionAttributeValues");
    }

    String attributeName(String placeholder, ExpressionKind kind) {
        String name = names.get(placeholder);
        if (name == null) {
            throw ExpressionErrors.invalid(kind,
                    "An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    JsonNode attributeValue(String placeholder, ExpressionKind kind) {
        JsonNode value = values.get(placeholder);
        if (value == null) {
            throw ExpressionErrors.invalid(kind,
                    "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static void requireKey(String key, Pattern pattern, String parameter) {
        if (!pattern.matcher(key).matches()) {
            throw DynamoDbException.validation(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
        }
    }

    private static JsonNode canonicalValue(String key, JsonNode value) {
        try {
            return AttributeValues.canonical(value);
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("ExpressionAttributeValues contains invalid value: "
                    + e.getMessage() + " for key " + key);
        }
    }

    private static void requireUsed(Set<String> provided, Set<String> used, String parameter) {
        List<String> unused = new ArrayList<>();
        for (String key : provided) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        if (!unused.isEmpty()) {
            throw DynamoDbException.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}
