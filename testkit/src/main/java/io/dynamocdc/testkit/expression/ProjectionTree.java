package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projected paths merged into a tree: a leaf keeps a whole value, an inner node keeps only the
 * listed map keys or list elements (never both: such paths conflict and are rejected while parsing).
 */
final class ProjectionTree {

    private final Map<PathElement, ProjectionTree> children = new LinkedHashMap<>();

    static ProjectionTree of(List<DocumentPath> paths) {
        ProjectionTree root = new ProjectionTree();
        for (DocumentPath path : paths) {
            ProjectionTree node = root;
            for (PathElement element : path.elements()) {
                node = node.children.computeIfAbsent(element, ignored -> new ProjectionTree());
            }
        }
        return root;
    }

    ObjectNode projectItem(ObjectNode item) {
        ObjectNode projected = AttributeValues.NODES.objectNode();
        projectChildren(item, projected);
        return projected;
    }

    /** Null when nothing listed exists in the value. */
    private JsonNode project(JsonNode value) {
        if (children.isEmpty()) {
            return value.deepCopy();
        }
        boolean listElements = children.keySet().iterator().next() instanceof PathElement.Index;
        String containerType = listElements ? "L" : "M";
        if (!AttributeValues.type(value).equals(containerType)) {
            return null;
        }
        JsonNode container = value.get(containerType);
        if (listElements) {
            ArrayNode kept = AttributeValues.NODES.arrayNode();
            children.entrySet().stream()
                    .sorted(Comparator.comparingInt(entry -> ((PathElement.Index) entry.getKey()).index()))
                    .forEach(entry -> {
                        JsonNode element = entry.getKey().childIn(container);
                        JsonNode projected = element == null ? null : entry.getValue().project(element);
                        if (projected != null) {
                            kept.add(projected);
                        }
                    });
            return kept.isEmpty() ? null : AttributeValues.NODES.objectNode().set("L", kept);
        }
        ObjectNode kept = AttributeValues.NODES.objectNode();
        projectChildren(container, kept);
        return kept.isEmpty() ? null : AttributeValues.NODES.objectNode().set("M", kept);
    }

    private void projectChildren(JsonNode map, ObjectNode into) {
        children.forEach((element, child) -> {
            JsonNode value = element.childIn(map);
            JsonNode projected = value == null ? null : child.project(value);
            if (projected != null) {
                element.putIn(into, projected);
            }
        });
    }
}
