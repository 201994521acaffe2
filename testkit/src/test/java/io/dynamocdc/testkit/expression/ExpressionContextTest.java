package io.dynamocdc.testkit.expression;

import static io.dynamocdc.testkit.expression.Json.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionContextTest {

    @Test
    void placeholdersUsedByAnyOfTheRequestsExpressionsCount() {
        ExpressionContext context = Json.context("{'#a': 'a', '#b': 'b'}", "{':v': {'N': '1'}, ':w': {'S': 'x'}}");
        ConditionExpression.parse("attribute_exists(#a) AND #a = :v", context);
        UpdateExpression.parse("SET #b = :w", context);
        assertThatCode(context::requireAllUsed).doesNotThrowAnyException();
    }

    @Test
    void noPlaceholdersAtAll() {
        assertThatCode(() -> Json.context(null, null).requireAllUsed()).doesNotThrowAnyException();
        assertThatCode(() -> new ExpressionContext(NullNode.instance, NullNode.instance).requireAllUsed())
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsUnusedValues() {
        ExpressionContext context = Json.context(null, "{':v': {'N': '1'}, ':a': {'N': '1'}, ':b': {'N': '2'}}");
        ConditionExpression.parse("x = :v", context);
        assertValidation(context::requireAllUsed, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}");
    }

    @Test
    void rejectsUnusedNames() {
        ExpressionContext context = Json.context("{'#n': 'n'}", "{':v': {'N': '1'}}");
        ConditionExpression.parse("x = :v", context);
        assertValidation(context::requireAllUsed, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
    }

    @Test
    void aPlaceholderOnlyCountsOnceItIsDefined() {
        ExpressionContext context = Json.context(null, "{':v': {'N': '1'}}");
        assertValidation(() -> ConditionExpression.parse("x = :w", context),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w");
        assertValidation(context::requireAllUsed, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
    }

    @Test
    void canonicalisesValues() {
        ExpressionContext context = Json.context(null, "{':v': {'N': '1.50'}, ':s': {'SS': ['b', 'a']}}");
        assertThat(ConditionExpression.parse("n = :v AND s = :s", context)
                .test(Json.item("{'n': {'N': '1.5'}, 's': {'SS': ['a', 'b']}}"))).isTrue();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            {}               | none                      | ExpressionAttributeNames must not be empty
            none             | {}                        | ExpressionAttributeValues must not be empty
            {'n': 'n'}       | none                      | ExpressionAttributeNames contains invalid key: Syntax error; key: "n"
            {'#a-b': 'n'}    | none                      | ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b"
            none             | {'v': {'N': '1'}}         | ExpressionAttributeValues contains invalid key: Syntax error; key: "v"
            none             | {':v': {'N': 'abc'}}      | ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :v
            none             | {':v': {}}                | ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v
            """)
    void rejectsMalformedPlaceholders(String names, String values, String message) {
        assertValidation(() -> Json.context(names, values), message);
    }
}
