package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dynamocdc.testkit.AttributeValues;
import java.util.LinkedHashSet;
import java.util.Set;

/** Union and difference of two canonical sets of the same type (SS, NS or BS). */
final class SetValues {

    private SetValues() {
    }

    static boolean isSet(JsonNode value) {
        String type = AttributeValues.type(value);
        return type.equals("SS") || type.equals("NS") || type.equals("BS");
    }

    static JsonNode union(JsonNode set, JsonNode more) {
        Set<String> members = members(set);
        members.addAll(members(more));
        return setOf(AttributeValues.type(set), members);
    }

    /** Null when nothing is left: DynamoDB has no empty sets, so the attribute goes. */
    static JsonNode difference(JsonNode set, JsonNode less) {
        Set<String> members = members(set);
        members.removeAll(members(less));
        return members.isEmpty() ? null : setOf(AttributeValues.type(set), members);
    }

    private static Set<String> members(JsonNode set) {
        Set<String> members = new LinkedHashSet<>();
        set.elements().next().forEach(member -> members.add(member.asText()));
        return members;
    }

    // Canonical members are unique as text, so canonical() only has to sort them.
    private static JsonNode setOf(String type, Set<String> members) {
        ArrayNode array = AttributeValues.NODES.arrayNode();
        members.forEach(array::add);
        return AttributeValues.canonical(AttributeValues.NODES.objectNode().set(type, array));
    }
}
