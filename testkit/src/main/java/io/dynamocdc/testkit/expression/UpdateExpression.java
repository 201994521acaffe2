package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An UpdateExpression. Every action sees the item as it was before the update (SET values are computed
 * first). Writes then go SET, ADD, DELETE and REMOVE last, list indexes ascending for SET and descending
 * for REMOVE, so that every index still means the element it meant in the original item and several
 * elements SET past a list's end are appended in index order.
 */
public final class UpdateExpression {

    private final List<UpdateAction> actions;

    private UpdateExpression(List<UpdateAction> actions) {
        this.actions = List.copyOf(actions);
    }

    public static UpdateExpression parse(String text, ExpressionContext context) {
        return new UpdateExpression(UpdateParser.parse(text, context));
    }

    /**
     * @param item the current item; empty (or null) when there is none yet
     * @return a new item; the argument is never modified
     */
    public ObjectNode apply(ObjectNode item) {
        if (item == null) {
            item = AttributeValues.NODES.objectNode();
        }
        List<Map.Entry<UpdateAction.Set, JsonNode>> sets = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Set set) {
                sets.add(Map.entry(set, set.value().compute(item)));
            }
        }
        sets.sort(Comparator.comparing(entry -> entry.getKey().path(), DocumentPath.ORDER));

        ObjectNode result = item.deepCopy();
        sets.forEach(entry -> entry.getKey().write(result, entry.getValue()));
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Add add) {
                add.applyTo(result);
            }
        }
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Delete delete) {
                delete.applyTo(result);
            }
        }
        actions.stream()
                .filter(UpdateAction.Remove.class::isInstance)
                .map(UpdateAction.Remove.class::cast)
                .sorted(Comparator.comparing(UpdateAction.Remove::path, DocumentPath.ORDER.reversed()))
                .forEach(remove -> remove.applyTo(result));
        return result;
    }

    /** Top-level attribute names the update writes, for ReturnValues UPDATED_OLD / UPDATED_NEW. */
    public Set<String> updatedAttributes() {
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(action -> names.add(action.path().topLevelName()));
        return names;
    }
}
