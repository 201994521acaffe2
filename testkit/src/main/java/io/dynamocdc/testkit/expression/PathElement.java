package io.dynamocdc.testkit.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamocdc.testkit.AttributeValues;

/**
 * One step of a document path: a map key or a list index. Steps move through <em>containers</em>:
 * the item itself or the body of an M ({@code ObjectNode}) or L ({@code ArrayNode}) value.
 */
sealed interface PathElement {

    /** The value this step reaches in a container, or null. */
    JsonNode childIn(JsonNode container);

    /** The container inside {@code value} that this step can enter, or null when the value has the wrong type. */
    JsonNode containerIn(JsonNode value);

    void putIn(JsonNode container, JsonNode value);

    void removeFrom(JsonNode container);

    record Key(String name) implements PathElement {

        @Override
        public JsonNode childIn(JsonNode container) {
            return container.isObject() ? container.get(name) : null;
        }

        @Override
        public JsonNode containerIn(JsonNode value) {
            return AttributeValues.type(value).equals("M") ? value.get("M") : null;
        }

        @Override
        public void putIn(JsonNode container, JsonNode value) {
            ((ObjectNode) container).set(name, value);
        }

        @Override
        public void removeFrom(JsonNode container) {
            ((ObjectNode) container).remove(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Index(int index) implements PathElement {

        @Override
        public JsonNode childIn(JsonNode container) {
            return container.isArray() && index < container.size() ? container.get(index) : null;
        }

        @Override
        public JsonNode containerIn(JsonNode value) {
            return AttributeValues.type(value).equals("L") ? value.get("L") : null;
        }

        /** Setting past the end of a list appends, as DynamoDB does. */
        @Override
        public void putIn(JsonNode container, JsonNode value) {
            ArrayNode list = (ArrayNode) container;
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        }

        /** Later elements shift down. */
        @Override
        public void removeFrom(JsonNode container) {
            ArrayNode list = (ArrayNode) container;
            if (index < list.size()) {
                list.remove(index);
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
