package io.dynamocdc.testkit.expression;

import static io.dynamocdc.testkit.expression.Json.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import io.dynamocdc.testkit.DynamoDbException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateExpressionTest {

    private static final String ITEM = """
            'id': {'S': 'k1'}, 'n': {'N': '5'}, 's': {'S': 'hello'},
            'ss': {'SS': ['a', 'b']}, 'ns': {'NS': ['1']},
            'l': {'L': [{'S': 'x'}, {'N': '1'}]},
            'm': {'M': {'inner': {'N': '10'}}}""";

    private static final String NAMES = "{'#n': 'n', '#dotted': 'a.b'}";

    private static final String VALUES = """
            {':zero': {'N': '0'}, ':one': {'N': '1'}, ':half': {'N': '0.5'}, ':ten': {'N': '10'},
             ':seven': {'N': '7'}, ':a': {'S': 'a'}, ':b': {'S': 'b'}, ':hello': {'S': 'hello'},
             ':list': {'L': [{'S': 'y'}]}, ':emptyList': {'L': []},
             ':setA': {'SS': ['a']}, ':setAB': {'SS': ['a', 'b']}, ':setBC': {'SS': ['c', 'b']},
             ':setX': {'SS': ['x']}, ':ns23': {'NS': ['3', '2']}, ':map': {'M': {'k': {'S': 'v'}}}}
            """;

    private static UpdateExpression parse(String expression) {
        return UpdateExpression.parse(expression, Json.context(NAMES, VALUES));
    }

    private static ObjectNode original() {
        return Json.item("{" + ITEM + "}");
    }

    /** Expected items are written as the attributes that differ from {@link #ITEM}: added or replaced, or null to remove. */
    private static ObjectNode originalWith(String changes) {
        ObjectNode expected = original();
        Json.node("{" + changes + "}").fields().forEachRemaining(change -> {
            if (change.getValue().isNull()) {
                expected.remove(change.getKey());
            } else {
                expected.set(change.getKey(), AttributeValues.canonical(change.getValue()));
            }
        });
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SET a = :a                                    | 'a': {'S': 'a'}
            SET n = :seven                                | 'n': {'N': '7'}
            SET #n = :seven                               | 'n': {'N': '7'}
            SET #dotted = :a                              | 'a.b': {'S': 'a'}
            SET n = n + :one                              | 'n': {'N': '6'}
            SET n = n - :ten                              | 'n': {'N': '-5'}
            SET n = :half + :half                         | 'n': {'N': '1'}
            SET n = :ten - n                              | 'n': {'N': '5'}
            SET copy = m                                  | 'copy': {'M': {'inner': {'N': '10'}}}
            SET m.inner = :one                            | 'm': {'M': {'inner': {'N': '1'}}}
            SET m.added = :a                              | 'm': {'M': {'inner': {'N': '10'}, 'added': {'S': 'a'}}}
            SET l[0] = :a                                 | 'l': {'L': [{'S': 'a'}, {'N': '1'}]}
            SET l[5] = :a                                 | 'l': {'L': [{'S': 'x'}, {'N': '1'}, {'S': 'a'}]}
            SET l[7] = :b, l[5] = :a                      | 'l': {'L': [{'S': 'x'}, {'N': '1'}, {'S': 'a'}, {'S': 'b'}]}
            SET l[0] = :a, l[1] = :b                      | 'l': {'L': [{'S': 'a'}, {'S': 'b'}]}
            SET m.inner = :map                            | 'm': {'M': {'inner': {'M': {'k': {'S': 'v'}}}}}
            SET n = if_not_exists(n, :one)                | 'n': {'N': '5'}
            SET c = if_not_exists(c, :zero)               | 'c': {'N': '0'}
            SET c = if_not_exists(c, :zero) + :one        | 'c': {'N': '1'}
            SET l = list_append(l, :list)                 | 'l': {'L': [{'S': 'x'}, {'N': '1'}, {'S': 'y'}]}
            SET l = list_append(:list, l)                 | 'l': {'L': [{'S': 'y'}, {'S': 'x'}, {'N': '1'}]}
            SET c = list_append(if_not_exists(c, :emptyList), :list) | 'c': {'L': [{'S': 'y'}]}
            SET a = n, n = :one                           | 'a': {'N': '5'}, 'n': {'N': '1'}
            SET n = :one, a = n                           | 'a': {'N': '5'}, 'n': {'N': '1'}
            SET n = s, s = n                              | 'n': {'S': 'hello'}, 's': {'N': '5'}
            REMOVE s                                      | 's': null
            REMOVE s, n                                   | 's': null, 'n': null
            REMOVE missing                                | 'id': {'S': 'k1'}
            REMOVE m.inner                                | 'm': {'M': {}}
            REMOVE m.missing                              | 'id': {'S': 'k1'}
            REMOVE l[0]                                   | 'l': {'L': [{'N': '1'}]}
            REMOVE l[0], l[1]                             | 'l': {'L': []}
            REMOVE l[5]                                   | 'id': {'S': 'k1'}
            ADD n :one                                    | 'n': {'N': '6'}
            ADD c :one                                    | 'c': {'N': '1'}
            ADD n :half                                   | 'n': {'N': '5.5'}
            ADD m.inner :one                              | 'm': {'M': {'inner': {'N': '11'}}}
            ADD ss :setBC                                 | 'ss': {'SS': ['a', 'b', 'c']}
            ADD fresh :setBC                              | 'fresh': {'SS': ['b', 'c']}
            ADD ns :ns23                                  | 'ns': {'NS': ['1', '2', '3']}
            ADD n :one, c :one                            | 'n': {'N': '6'}, 'c': {'N': '1'}
            DELETE ss :setA                               | 'ss': {'SS': ['b']}
            DELETE ss :setAB                              | 'ss': null
            DELETE ss :setX                               | 'id': {'S': 'k1'}
            DELETE missing :setA                          | 'id': {'S': 'k1'}
            SET a = :a REMOVE s ADD n :one DELETE ss :setA | 'a': {'S': 'a'}, 's': null, 'n': {'N': '6'}, 'ss': {'SS': ['b']}
            DELETE ss :setA ADD n :one REMOVE s SET a = :a | 'a': {'S': 'a'}, 's': null, 'n': {'N': '6'}, 'ss': {'SS': ['b']}
            set a = :a remove s                           | 'a': {'S': 'a'}, 's': null
            SET l[0] = :a REMOVE l[1]                     | 'l': {'L': [{'S': 'a'}]}
            SET a=:a,b=:b                                 | 'a': {'S': 'a'}, 'b': {'S': 'b'}
            """)
    void applies(String expression, String changes) {
        assertThat(parse(expression).apply(original())).isEqualTo(originalWith(changes));
    }

    @Test
    void appliesToAMissingItem() {
        ObjectNode none = AttributeValues.NODES.objectNode();
        assertThat(parse("SET c = if_not_exists(c, :zero) + :one ADD t :setA").apply(none))
                .isEqualTo(Json.item("{'c': {'N': '1'}, 't': {'SS': ['a']}}"));
        assertThat(parse("REMOVE a DELETE t :setA").apply(none)).isEmpty();
        assertThat(parse("SET a = :a").apply(null)).isEqualTo(Json.item("{'a': {'S': 'a'}}"));
    }

    @Test
    void sumsAreNormalisedAndRangeChecked() {
        ExpressionContext context = Json.context(null,
                "{':big': {'N': '9E+125'}, ':tiny': {'N': '1.10'}, ':minus': {'N': '-1.1'}}");
        ObjectNode item = Json.item("{'n': {'N': '9E+125'}}");
        assertThat(UpdateExpression.parse("SET z = :tiny + :minus", context).apply(item).get("z"))
                .isEqualTo(Json.node("{'N': '0'}"));
        assertValidation(() -> UpdateExpression.parse("SET n = n + :big", Json.context(null, "{':big': {'N': '9E+125'}}"))
                        .apply(item),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void namesTheTopLevelAttributesItUpdates() {
        assertThat(parse("SET a = :a, m.inner = :one REMOVE s ADD n :one DELETE ss :setA").updatedAttributes())
                .containsExactlyInAnyOrder("a", "m", "s", "n", "ss");
        assertThat(parse("SET #dotted = :a").updatedAttributes()).containsExactly("a.b");
    }

    @Test
    void resultsShareNoNodesWithTheContextOrTheItem() {
        UpdateExpression update = parse("SET c = :list, d = l");
        ObjectNode item = original();
        ObjectNode first = update.apply(item);
        ((ArrayNode) first.get("c").get("L")).removeAll();
        ((ArrayNode) first.get("d").get("L")).removeAll();
        assertThat(update.apply(item).get("c")).isEqualTo(Json.node("{'L': [{'S': 'y'}]}"));
        assertThat(item).isEqualTo(original());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SET a = :a SET b = :b              | The "SET" section can only be used once in an update expression;
            set a = :a SET b = :b              | The "SET" section can only be used once in an update expression;
            REMOVE a REMOVE b                  | The "REMOVE" section can only be used once in an update expression;
            ADD n :one ADD c :one              | The "ADD" section can only be used once in an update expression;
            DELETE ss :setA DELETE t :setA     | The "DELETE" section can only be used once in an update expression;
            SET a = :a, a = :b                 | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]
            SET a = :a REMOVE a                | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]
            SET m.inner = :one REMOVE m        | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, inner], path two: [m]
            REMOVE l[0] ADD l[0].x :one        | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, [0], x]
            SET l[0] = :a, l.x = :a            | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, x]
            ADD hits : incr                    | Syntax error; token: ":", near: "hits : incr"
            SET a = :a,                        | Syntax error; token: "<EOF>", near: ","
            SET a :a                           | Syntax error; token: ":a", near: "a :a"
            SET a = n + n + n                  | Syntax error; token: "+", near: "n + n"
            UPDATE a = :a                      | Syntax error; token: "UPDATE", near: "UPDATE a"
            SET a = :a b = :b                  | Syntax error; token: "b", near: ":a b ="
            SET a = :a, REMOVE b               | Syntax error; token: "b", near: "REMOVE b"
            ADD n                              | Syntax error; token: "<EOF>", near: "n"
            ADD n m                            | Syntax error; token: "m", near: "n m"
            REMOVE                             | Syntax error; token: "<EOF>", near: "REMOVE"
            SET a = (n)                        | Syntax error; token: "(", near: "= (n"
            SET a = list_append(l, :one        | Syntax error; token: "<EOF>", near: ":one"
            ADD n :hello                       | Incorrect operand type for operator or function; operator: ADD, operand type: STRING
            ADD n :list                        | Incorrect operand type for operator or function; operator: ADD, operand type: LIST
            DELETE ss :a                       | Incorrect operand type for operator or function; operator: DELETE, operand type: STRING
            DELETE ss :one                     | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER
            SET a = list_append(l, :one)       | Incorrect operand type for operator or function; operator or function: list_append, operand type: N
            SET a = list_append(:map, l)       | Incorrect operand type for operator or function; operator or function: list_append, operand type: M
            SET a = n + :hello                 | Incorrect operand type for operator or function; operator or function: +, operand type: S
            SET a = :list - n                  | Incorrect operand type for operator or function; operator or function: -, operand type: L
            SET a = if_not_exists(:one, :one)  | Operator or function requires a document path; operator or function: if_not_exists
            SET a = list_append(l)             | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1
            SET a = if_not_exists(a, :a, :b)   | Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 3
            SET a = size(s)                    | The function is not allowed in an update expression; function: size
            SET a = foo(s)                     | Invalid function name; function: foo
            SET a = LIST_APPEND(l, l)          | Invalid function name; function: LIST_APPEND
            SET a = :undefined                 | An expression attribute value used in expression is not defined; attribute value: :undefined
            SET #undefined = :a                | An expression attribute name used in the document path is not defined; attribute name: #undefined
            """)
    void rejectsWhileParsing(String expression, String message) {
        assertValidation(() -> parse(expression), "Invalid UpdateExpression: " + message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertValidation(() -> parse(" "), "Invalid UpdateExpression: The expression can not be empty;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SET n = s + :one                   | An operand in the update expression has an incorrect data type
            SET a = list_append(n, :list)      | An operand in the update expression has an incorrect data type
            ADD s :one                         | An operand in the update expression has an incorrect data type
            ADD ss :ns23                       | An operand in the update expression has an incorrect data type
            ADD n :setA                        | An operand in the update expression has an incorrect data type
            DELETE n :setA                     | An operand in the update expression has an incorrect data type
            DELETE ns :setA                    | An operand in the update expression has an incorrect data type
            SET a = missing                    | The provided expression refers to an attribute that does not exist in the item
            SET a = missing + :one             | The provided expression refers to an attribute that does not exist in the item
            SET a = list_append(missing, l)    | The provided expression refers to an attribute that does not exist in the item
            SET nothere.x = :a                 | The document path provided in the update expression is invalid for update
            SET s.x = :a                       | The document path provided in the update expression is invalid for update
            SET n[0] = :a                      | The document path provided in the update expression is invalid for update
            SET l[9].x = :a                    | The document path provided in the update expression is invalid for update
            REMOVE nothere.x                   | The document path provided in the update expression is invalid for update
            ADD nothere.x :one                 | The document path provided in the update expression is invalid for update
            DELETE nothere.x :setA             | The document path provided in the update expression is invalid for update
            """)
    void rejectsWhileApplying(String expression, String message) {
        UpdateExpression update = parse(expression);
        ObjectNode item = original();
        assertValidation(() -> update.apply(item), message);
        assertThat(item).isEqualTo(original());
    }

    /** Property: whatever the update and whether it succeeds, the item passed in is left as it was. */
    @Test
    void neverModifiesItsInput() {
        List<String> expressions = List.of(
                "SET a = :a", "SET n = n + :one", "SET m.inner = :map", "SET l[0] = :a, l[9] = :b",
                "SET l = list_append(l, :list)", "SET c = if_not_exists(c, :zero)", "SET copy = m, n = :one",
                "REMOVE s, l[0], m.inner", "REMOVE l[1], l[0]", "ADD n :one, ss :setBC, ns :ns23",
                "DELETE ss :setAB, t :setA", "ADD m.inner :one", "SET m.deeper = :map REMOVE ss",
                "SET n = s + :one", "ADD s :one", "SET nothere.x = :a");
        List<String> attributes = List.of(
                "'n': {'N': '5'}", "'n': {'S': 'five'}", "'s': {'S': 'hello'}", "'s': {'N': '1'}",
                "'ss': {'SS': ['a', 'b']}", "'ss': {'NS': ['1']}", "'ns': {'NS': ['1']}",
                "'l': {'L': [{'S': 'x'}, {'N': '1'}]}", "'l': {'L': []}", "'l': {'M': {}}",
                "'m': {'M': {'inner': {'N': '10'}}}", "'m': {'M': {'inner': {'L': [{'N': '1'}]}}}", "'m': {'S': 'flat'}",
                "'c': {'N': '3'}", "'t': {'SS': ['a']}");
        Random random = new Random(20240601L);
        for (int run = 0; run < 2_000; run++) {
            ObjectNode item = AttributeValues.NODES.objectNode();
            for (String attribute : attributes) {
                if (random.nextBoolean()) {
                    item.setAll(Json.item("{" + attribute + "}"));
                }
            }
            ObjectNode snapshot = item.deepCopy();
            UpdateExpression update = parse(expressions.get(random.nextInt(expressions.size())));
            try {
                ObjectNode result = update.apply(item);
                assertThat(result).isNotSameAs(item);
            } catch (DynamoDbException expected) {
                // a type or path error is a fine outcome; mutating the input is not
            }
            assertThat(item).isEqualTo(snapshot);
        }
    }
}
