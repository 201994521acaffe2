package io.dynamocdc.testkit.expression;

import static io.dynamocdc.testkit.expression.Json.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionExpressionTest {

    private static final ObjectNode ITEM = Json.item("""
            {'id': {'S': 'k1'}, 'n': {'N': '5'}, 's': {'S': 'hello'}, 'b': {'B': 'AQID'},
             'flag': {'BOOL': true}, 'nul': {'NULL': true},
             'ss': {'SS': ['a', 'b']}, 'ns': {'NS': ['1', '2']}, 'bs': {'BS': ['AQ==']},
             'l': {'L': [{'S': 'x'}, {'N': '1'}]},
             'm': {'M': {'inner': {'N': '10'}, 'list': {'L': [{'S': 'deep'}]}, 'with.dot': {'S': 'd'}}},
             'status': {'S': 'ok'}}
            """);

    private static final String NAMES = "{'#m': 'm', '#dot': 'with.dot', '#status': 'status'}";

    private static final String VALUES = """
            {':zero': {'N': '0'}, ':one': {'N': '1'}, ':two': {'N': '2'}, ':three': {'N': '3'},
             ':four': {'N': '4'}, ':five': {'N': '5'}, ':fivePointZero': {'N': '5.0'}, ':six': {'N': '6'},
             ':seven': {'N': '7'}, ':ten': {'N': '10'},
             ':hello': {'S': 'hello'}, ':he': {'S': 'he'}, ':ell': {'S': 'ell'}, ':a': {'S': 'a'},
             ':x': {'S': 'x'}, ':deep': {'S': 'deep'}, ':d': {'S': 'd'}, ':ok': {'S': 'ok'},
             ':b': {'B': 'AQID'}, ':bPrefix': {'B': 'AQ=='},
             ':typeS': {'S': 'S'}, ':typeN': {'S': 'N'}, ':typeSS': {'S': 'SS'}, ':typeM': {'S': 'M'},
             ':list': {'L': [{'S': 'x'}, {'N': '1'}]}}
            """;

    private static boolean test(String expression, ObjectNode item) {
        return ConditionExpression.parse(expression, Json.context(NAMES, VALUES)).test(item);
    }

    @ParameterizedTest(name = "{1} is {0}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | n = :five
            true  | n = :fivePointZero
            false | n = :four
            true  | :five = n
            true  | n <> :four
            false | n <> :five
            true  | missing <> :five
            false | missing = :five
            true  | n <> :hello
            true  | n < :six
            false | n < :five
            true  | n <= :five
            true  | n > :four
            true  | n >= :five
            false | n > :hello
            false | s < :five
            true  | s > :he
            true  | s >= :hello
            false | s < :he
            true  | b > :bPrefix
            true  | b = :b
            true  | l = :list
            false | l < :list
            false | flag > :one
            true  | m.inner = :ten
            true  | #m.inner = :ten
            true  | m.list[0] = :deep
            false | m.list[1] = :deep
            true  | m.#dot = :d
            false | s.inner = :d
            true  | l[1] = :one
            true  | #status = :ok
            true  | status = :ok
            true  | n=:five AND(s=:hello)
            true  | n BETWEEN :four AND :six
            true  | n BETWEEN :five AND :five
            false | n BETWEEN :six AND :seven
            false | s BETWEEN :one AND :ten
            false | missing BETWEEN :one AND :ten
            true  | n IN (:one, :five)
            false | n IN (:one, :four)
            false | missing IN (:one)
            true  | l IN (:list)
            true  | n = :five AND s = :hello
            false | n = :five AND s = :he
            true  | n = :four OR s = :hello
            false | n = :four OR s = :he
            true  | NOT n = :four
            false | NOT n = :five
            true  | not n = :four
            true  | n = :five and s = :hello
            true  | n = :five Or n = :four
            true  | n between :four and :six
            true  | n in (:five)
            true  | n = :four AND s = :he OR n = :five
            true  | n = :five OR n = :four AND s = :he
            false | NOT n = :five AND n = :four
            true  | NOT (n = :five AND n = :four)
            true  | (n = :four OR n = :five) AND s = :hello
            false | n = :four OR (n = :five AND s = :he)
            true  | ((n = :five))
            true  | NOT NOT n = :five
            true  | attribute_exists(n)
            false | attribute_exists(missing)
            true  | attribute_not_exists(missing)
            false | attribute_not_exists(n)
            true  | attribute_exists(m.inner)
            false | attribute_exists(m.nothing)
            true  | attribute_exists(l[1])
            false | attribute_exists(l[2])
            false | attribute_exists(s.inner)
            true  | attribute_exists(#status)
            true  | attribute_exists(nul)
            true  | attribute_type(n, :typeN)
            false | attribute_type(n, :typeS)
            true  | attribute_type(ss, :typeSS)
            true  | attribute_type(m, :typeM)
            false | attribute_type(missing, :typeS)
            true  | begins_with(s, :he)
            true  | begins_with(s, :hello)
            false | begins_with(s, :ell)
            true  | begins_with(b, :bPrefix)
            false | begins_with(n, :he)
            false | begins_with(missing, :he)
            true  | contains(s, :ell)
            false | contains(s, :x)
            true  | contains(ss, :a)
            false | contains(ss, :x)
            false | contains(ss, :one)
            true  | contains(ns, :one)
            false | contains(ns, :five)
            true  | contains(bs, :bPrefix)
            true  | contains(l, :x)
            true  | contains(l, :one)
            false | contains(l, :a)
            false | contains(missing, :a)
            true  | size(s) = :five
            true  | size(ss) = :two
            true  | size(l) = :two
            true  | size(m) = :three
            true  | size(b) = :three
            false | size(n) = :one
            false | size(missing) = :zero
            true  | size(s) > :four
            true  | size(s) BETWEEN :four AND :six
            true  | size(s) IN (:five)
            true  | size(m.list) = :one
            """)
    void evaluates(boolean expected, String expression) {
        assertThat(test(expression, ITEM)).isEqualTo(expected);
    }

    @Test
    void anEmptyItemHasNoAttributes() {
        ObjectNode none = AttributeValues.NODES.objectNode();
        assertThat(test("attribute_not_exists(id)", none)).isTrue();
        assertThat(test("n = :five", none)).isFalse();
        assertThat(test("n <> :five", none)).isTrue();
        assertThat(test("attribute_not_exists(id)", null)).isTrue();
    }

    @Test
    void testingDoesNotModifyTheItem() {
        ObjectNode before = ITEM.deepCopy();
        test("size(l) = :two AND contains(ss, :a)", ITEM);
        assertThat(ITEM).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a-b                           | Syntax error; token: "-", near: "a-b"
            n = :five AND                 | Syntax error; token: "<EOF>", near: "AND"
            n = = :five                   | Syntax error; token: "=", near: "= = :five"
            n :five                       | Syntax error; token: ":five", near: "n :five"
            n = :five s = :five           | Syntax error; token: "s", near: ":five s ="
            (n = :five                    | Syntax error; token: "<EOF>", near: ":five"
            n = :five)                    | Syntax error; token: ")", near: ":five)"
            n BETWEEN :four :six          | Syntax error; token: ":six", near: ":four :six"
            n IN ()                       | Syntax error; token: ")", near: "()"
            n IN :five                    | Syntax error; token: ":five", near: "IN :five"
            !!                            | Syntax error; token: "!", near: "!!"
            a[x] = :five                  | Syntax error; token: "x", near: "[x]"
            a[1 = :five                   | Syntax error; token: "=", near: "1 = :five"
            n = AND                       | Syntax error; token: "AND", near: "= AND"
            size(s)                       | Syntax error; token: "<EOF>", near: ")"
            n                             | Syntax error; token: "<EOF>", near: "n"
            # = :five                     | Syntax error; token: "#", near: "# ="
            n = :a :b                     | Syntax error; token: ":b", near: ":a :b"
            n = :undefined                | An expression attribute value used in expression is not defined; attribute value: :undefined
            #undefined = :five            | An expression attribute name used in the document path is not defined; attribute name: #undefined
            attribute_exists(n) = :five   | The function is not allowed to be used this way in an expression; function: attribute_exists
            n IN (begins_with(s, :he))    | The function is not allowed to be used this way in an expression; function: begins_with
            foo(n)                        | Invalid function name; function: foo
            ATTRIBUTE_EXISTS(n)           | Invalid function name; function: ATTRIBUTE_EXISTS
            if_not_exists(n, :five) = :five | The function is not allowed in a condition expression; function: if_not_exists
            attribute_exists(n, s)        | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2
            size() = :five                | Incorrect number of operands for operator or function; operator or function: size, number of operands: 0
            attribute_exists(:five)       | Operator or function requires a document path; operator or function: attribute_exists
            size(:five) = :five           | Operator or function requires a document path; operator or function: size
            contains(size(s), :five)      | Operator or function requires a document path; operator or function: contains
            attribute_type(n, :five)      | Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N
            attribute_type(n, :hello)     | Invalid attribute type name found; type: hello, valid types: { B,BOOL,BS,L,M,N,NS,NULL,S,SS }
            begins_with(s, :five)         | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N
            n BETWEEN :six AND :four      | The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: AttributeValue: {N:4}
            n BETWEEN :one AND :hello     | The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:hello}
            """)
    void rejects(String expression, String message) {
        assertValidation(() -> test(expression, ITEM), "Invalid ConditionExpression: " + message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        String message = "Invalid ConditionExpression: The expression can not be empty;";
        assertValidation(() -> test("", ITEM), message);
        assertValidation(() -> test("  ", ITEM), message);
        assertValidation(() -> test(null, ITEM), message);
    }

    @Test
    void acceptsAHundredInOperandsButNotMore() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> ":one").collect(Collectors.joining(", "));
        assertThat(test("n IN (" + hundred + ")", ITEM)).isFalse();
        assertValidation(() -> test("n IN (" + hundred + ", :five)", ITEM),
                "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void filterExpressionsNameThemselvesInErrors() {
        ExpressionContext context = Json.context(null, "{':v': {'N': '1'}}");
        assertThat(ConditionExpression.parseFilter("a = :v", context).test(Json.item("{'a': {'N': '1'}}"))).isTrue();
        assertValidation(() -> ConditionExpression.parseFilter("a-b", context),
                "Invalid FilterExpression: Syntax error; token: \"-\", near: \"a-b\"");
    }
}
