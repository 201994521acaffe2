package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/** A document path such as {@code a.b[2].c}, with every placeholder already resolved. */
record DocumentPath(List<PathElement> elements) {

    /** Orders paths so that list elements come by ascending index (used to apply list edits safely). */
    static final Comparator<DocumentPath> ORDER = DocumentPath::compare;

    DocumentPath {
        elements = List.copyOf(elements);
    }

    String topLevelName() {
        return ((PathElement.Key) elements.get(0)).name();
    }

    PathElement last() {
        return elements.get(elements.size() - 1);
    }

    /** The value at this path, or null when any step is missing or has the wrong type. */
    JsonNode resolve(ObjectNode item) {
        JsonNode container = item;
        JsonNode value = null;
        for (PathElement element : elements) {
            if (value != null) {
                container = element.containerIn(value);
                if (container == null) {
                    return null;
                }
            }
            value = element.childIn(container);
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    /**
     * The container the last step writes into; every step before it must exist.
     *
     * @throws io.dynamocdc.testkit.DynamoDbException when the parent path does not exist in the item
     */
    JsonNode parentContainer(ObjectNode item) {
        JsonNode container = item;
        for (int i = 0; i < elements.size() - 1; i++) {
            JsonNode value = elements.get(i).childIn(container);
            container = value == null ? null : elements.get(i + 1).containerIn(value);
            if (container == null) {
                throw ExpressionErrors.invalidDocumentPath();
            }
        }
        return container;
    }

    /** As DynamoDB prints paths in errors: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
        return elements.toString();
    }

    private static int compare(DocumentPath left, DocumentPath right) {
        int common = Math.min(left.elements.size(), right.elements.size());
        for (int i = 0; i < common; i++) {
            int order = compare(left.elements.get(i), right.elements.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.elements.size(), right.elements.size());
    }

    private static int compare(PathElement left, PathElement right) {
        if (left instanceof PathElement.Index l && right instanceof PathElement.Index r) {
            return Integer.compare(l.index(), r.index());
        }
        if (left instanceof PathElement.Key l && right instanceof PathElement.Key r) {
            return l.name().compareTo(r.name());
        }
        return left instanceof PathElement.Key ? -1 : 1;
    }
}
