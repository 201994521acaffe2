package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A ProjectionExpression: comma-separated document paths naming what of an item to return. */
public final class ProjectionExpression {

    private static final ExpressionKind KIND = ExpressionKind.PROJECTION;

    private final ProjectionTree tree;

    private ProjectionExpression(ProjectionTree tree) {
        this.tree = tree;
    }

    public static ProjectionExpression parse(String text, ExpressionContext context) {
        if (text == null || text.isBlank()) {
            throw ExpressionErrors.empty(KIND);
        }
        TokenStream tokens = new TokenStream(text, KIND);
        PathParser parser = new PathParser(tokens, context);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(parser.parse());
        } while (tokens.accept(","));
        tokens.expectEnd();
        PathOverlaps.check(paths, KIND);
        return new ProjectionExpression(ProjectionTree.of(paths));
    }

    /**
     * Nested paths keep their nesting; list indexes keep the listed elements in index order (so
     * {@code a[3]} alone comes back as a one-element list). Paths missing from the item are left out.
     */
    public ObjectNode project(ObjectNode item) {
        return tree.projectItem(item);
    }
}
