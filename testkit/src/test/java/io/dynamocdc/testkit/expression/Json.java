package io.dynamocdc.testkit.expression;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import io.dynamocdc.testkit.DynamoDbException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers: JSON written with single quotes, so that tables of items stay readable. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode node(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    /** A canonical item, as the table layer hands them to the expression engine. */
    static ObjectNode item(String singleQuoted) {
        return AttributeValues.canonicalItem(node(singleQuoted), "Item");
    }

    static ExpressionContext context(String names, String values) {
        return new ExpressionContext(names == null ? null : node(names), values == null ? null : node(values));
    }

    static void assertValidation(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message)
                .extracting(e -> ((DynamoDbException) e).errorType())
                .isEqualTo("ValidationException");
    }
}
