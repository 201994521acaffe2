package io.dynamocdc.testkit.expression;

import static io.dynamocdc.testkit.expression.Json.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionExpressionTest {

    private static final String ITEM = """
            {'id': {'S': 'k1'}, 'a': {'S': 'A'}, 'a.b': {'S': 'dotted'},
             'm': {'M': {'x': {'N': '1'}, 'y': {'N': '2'}, 'deep': {'M': {'z': {'S': 'Z'}}}}},
             'l': {'L': [{'S': 'l0'}, {'S': 'l1'}, {'M': {'k': {'S': 'K'}, 'j': {'S': 'J'}}}, {'S': 'l3'}]}}
            """;

    private static ObjectNode project(String expression) {
        return ProjectionExpression.parse(expression, Json.context("{'#a': 'a', '#ab': 'a.b'}", null))
                .project(Json.item(ITEM));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a                     | {'a': {'S': 'A'}}
            a, id                 | {'a': {'S': 'A'}, 'id': {'S': 'k1'}}
            missing               | {}
            a, missing            | {'a': {'S': 'A'}}
            #a                    | {'a': {'S': 'A'}}
            #ab                   | {'a.b': {'S': 'dotted'}}
            m.x                   | {'m': {'M': {'x': {'N': '1'}}}}
            m.x, m.deep.z         | {'m': {'M': {'x': {'N': '1'}, 'deep': {'M': {'z': {'S': 'Z'}}}}}}
            m.deep                | {'m': {'M': {'deep': {'M': {'z': {'S': 'Z'}}}}}}
            m.nothing             | {}
            a.x                   | {}
            l[1]                  | {'l': {'L': [{'S': 'l1'}]}}
            l[3], l[1]            | {'l': {'L': [{'S': 'l1'}, {'S': 'l3'}]}}
            l[2].k                | {'l': {'L': [{'M': {'k': {'S': 'K'}}}]}}
            l[9]                  | {}
            l[0], l[2].j, m.y     | {'l': {'L': [{'S': 'l0'}, {'M': {'j': {'S': 'J'}}}]}, 'm': {'M': {'y': {'N': '2'}}}}
            m[0]                  | {}
            """)
    void keepsOnlyTheListedPaths(String expression, String expected) {
        assertThat(project(expression)).isEqualTo(Json.item(expected));
    }

    @Test
    void neitherModifiesNorSharesTheItem() {
        ObjectNode item = Json.item(ITEM);
        ObjectNode projected = ProjectionExpression.parse("m, l[0]", Json.context(null, null)).project(item);
        ((ObjectNode) projected.get("m").get("M")).removeAll();
        assertThat(item).isEqualTo(Json.item(ITEM));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a, a          | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]
            m, m.x        | Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, x]
            l[0], l.x     | Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, x]
            a b           | Syntax error; token: "b", near: "a b"
            a,            | Syntax error; token: "<EOF>", near: ","
            !!            | Syntax error; token: "!", near: "!!"
            a[-1]         | Syntax error; token: "-", near: "[-1"
            a.            | Syntax error; token: "<EOF>", near: "."
            :v            | Syntax error; token: ":v", near: ":v"
            #undefined    | An expression attribute name used in the document path is not defined; attribute name: #undefined
            """)
    void rejects(String expression, String message) {
        assertValidation(() -> project(expression), "Invalid ProjectionExpression: " + message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertValidation(() -> project(""), "Invalid ProjectionExpression: The expression can not be empty;");
    }
}
