package io.dynamocdc.testkit.expression;

import java.util.List;

/**
 * DynamoDB rejects an update or projection naming one path twice, or a path and part of it
 * ("overlap"), or a map key and a list index on the same parent ("conflict").
 */
final class PathOverlaps {

    private PathOverlaps() {
    }

    static void check(List<DocumentPath> paths, ExpressionKind kind) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                check(paths.get(i), paths.get(j), kind);
            }
        }
    }

    private static void check(DocumentPath one, DocumentPath two, ExpressionKind kind) {
        List<PathElement> a = one.elements();
        List<PathElement> b = two.elements();
        int shorter = Math.min(a.size(), b.size());
        int common = 0;
        while (common < shorter && a.get(common).equals(b.get(common))) {
            common++;
        }
        if (common == shorter) {
            throw ExpressionErrors.invalid(kind, "Two document paths overlap with each other; must remove or rewrite one"
                    + " of these paths; path one: " + one + ", path two: " + two);
        }
        if (a.get(common).getClass() != b.get(common).getClass()) {
            throw ExpressionErrors.invalid(kind, "Two document paths conflict with each other; must remove or rewrite one"
                    + " of these paths; path one: " + one + ", path two: " + two);
        }
    }
}
