package io.dynamocdc.testkit.expression;

import static io.dynamocdc.testkit.expression.Json.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyConditionTest {

    private static final String NAMES = "{'#pk': 'pk', '#sk': 'sk'}";
    private static final String VALUES = """
            {':h': {'S': 'user-1'}, ':a': {'S': 'a'}, ':b': {'S': 'b'}, ':c': {'S': 'c'},
             ':pre': {'S': 'or'}, ':one': {'N': '1'}, ':ten': {'N': '10'}, ':bin': {'B': 'AQ=='}}
            """;

    private static KeyCondition parse(String expression) {
        return KeyCondition.parse(expression, Json.context(NAMES, VALUES), "pk", "sk");
    }

    @Test
    void aHashConditionAloneMatchesEveryRange() {
        KeyCondition condition = parse("pk = :h");
        assertThat(condition.hashValue()).isEqualTo(Json.node("{'S': 'user-1'}"));
        assertThat(condition.matchesRange(Json.node("{'S': 'anything'}"))).isTrue();
        assertThat(condition.matchesRange(null)).isTrue();
    }

    @Test
    void aRangeConditionNeverMatchesAMissingRangeValue() {
        assertThat(parse("pk = :h AND sk > :a").matchesRange(null)).isFalse();
    }

    @Test
    void worksWithoutARangeKeyInTheSchema() {
        KeyCondition condition = KeyCondition.parse("pk = :h", Json.context(null, "{':h': {'N': '1'}}"), "pk", null);
        assertThat(condition.hashValue()).isEqualTo(Json.node("{'N': '1'}"));
        assertThat(condition.matchesRange(null)).isTrue();
    }

    @ParameterizedTest(name = "{0} with sk {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pk = :h AND sk = :b                | {'S': 'b'}     | true
            pk = :h AND sk = :b                | {'S': 'c'}     | false
            sk = :b AND pk = :h                | {'S': 'b'}     | true
            pk = :h AND sk < :b                | {'S': 'a'}     | true
            pk = :h AND sk < :b                | {'S': 'b'}     | false
            pk = :h AND sk <= :b               | {'S': 'b'}     | true
            pk = :h AND sk > :b                | {'S': 'ba'}    | true
            pk = :h AND sk > :b                | {'S': 'b'}     | false
            pk = :h AND sk >= :b               | {'S': 'b'}     | true
            pk = :h AND sk BETWEEN :a AND :c   | {'S': 'b'}     | true
            pk = :h AND sk BETWEEN :a AND :c   | {'S': 'c'}     | true
            pk = :h AND sk BETWEEN :a AND :c   | {'S': 'd'}     | false
            pk = :h AND begins_with(sk, :pre)  | {'S': 'order'} | true
            pk = :h AND begins_with(sk, :pre)  | {'S': 'item'}  | false
            pk = :h AND begins_with(sk, :bin)  | {'B': 'AQI='}  | true
            pk = :h AND sk BETWEEN :one AND :ten | {'N': '9.5'} | true
            pk = :h AND sk > :one              | {'N': '10'}    | true
            pk = :h AND sk > :one              | {'S': '10'}    | false
            #pk = :h AND #sk > :a              | {'S': 'b'}     | true
            (pk = :h) AND (sk > :a)            | {'S': 'b'}     | true
            pk = :h and sk > :a                | {'S': 'b'}     | true
            """)
    void matchesRangeValues(String expression, String rangeValue, boolean expected) {
        KeyCondition condition = parse(expression);
        assertThat(condition.hashValue()).isEqualTo(Json.node("{'S': 'user-1'}"));
        assertThat(condition.matchesRange(Json.node(rangeValue))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sk = :a                             | Query condition missed key schema element: pk
            other = :h                          | Query condition missed key schema element: pk
            sk = :a AND other = :h              | Query condition missed key schema element: pk
            pk = :h AND other = :a              | Query condition missed key schema element: sk
            pk = :h OR sk = :a                  | Invalid operator used in KeyConditionExpression: OR
            NOT pk = :h                         | Invalid operator used in KeyConditionExpression: NOT
            pk IN (:h)                          | Invalid operator used in KeyConditionExpression: IN
            pk = :h AND sk <> :a                | Invalid operator used in KeyConditionExpression: <>
            pk = :h AND attribute_exists(sk)    | Invalid operator used in KeyConditionExpression: attribute_exists
            pk = :h AND contains(sk, :a)        | Invalid operator used in KeyConditionExpression: contains
            pk < :h                             | Query key condition not supported
            begins_with(pk, :h)                 | Query key condition not supported
            pk = :h AND sk > :a AND sk < :c     | KeyConditionExpressions must only contain one condition per key
            pk = :h AND pk = :h                 | KeyConditionExpressions must only contain one condition per key
            pk = :h AND (sk > :a AND sk < :c)   | KeyConditionExpressions must only contain one condition per key
            pk = :h AND sk = sk                 | Invalid KeyConditionExpression: Key conditions can only compare a key attribute with an expression attribute value
            :h = pk                             | Invalid KeyConditionExpression: The left operand of a key condition must be a key attribute
            pk.x = :h                           | Invalid KeyConditionExpression: Key conditions cannot use nested attributes; path: [pk, x]
            pk = :h AND begins_with(sk, :one)   | Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N
            pk = :h AND                         | Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND"
            pk == :h                            | Invalid KeyConditionExpression: Syntax error; token: "=", near: "== :h"
            pk = :undefined                     | Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undefined
            """)
    void rejects(String expression, String message) {
        assertValidation(() -> parse(expression), message);
    }

    @Test
    void rejectsAStrayConditionWhenTheTableHasNoRangeKey() {
        assertValidation(() -> KeyCondition.parse("pk = :h AND sk = :a", Json.context(null, VALUES), "pk", null),
                "Query key condition not supported");
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertValidation(() -> parse(""), "Invalid KeyConditionExpression: The expression can not be empty;");
    }
}
