package io.dynamocdc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A table's primary key: the partition (hash) attribute and the optional sort (range) attribute. */
final class KeySchema {

    final String hashName;
    final String hashType;
    final String rangeName;
    final String rangeType;

    KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
        this.hashName = hashName;
        this.hashType = hashType;
        this.rangeName = rangeName;
        this.rangeType = rangeType;
    }

    boolean hasRange() {
        return rangeName != null;
    }

    boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** The key attributes of an item, hash first. */
    ObjectNode keyOf(ObjectNode item) {
        ObjectNode key = AttributeValues.NODES.objectNode();
        key.set(hashName, item.get(hashName));
        if (hasRange()) {
            key.set(rangeName, item.get(rangeName));
        }
        return key;
    }

    /** Checks an item holds its key attributes with the declared types, as PutItem does. */
    ItemKey keyOfItem(ObjectNode item) {
        checkKeyAttribute(item, hashName, hashType, "Missing the key " + hashName + " in the item");
        if (hasRange()) {
            checkKeyAttribute(item, rangeName, rangeType, "Missing the key " + rangeName + " in the item");
        }
        return itemKey(item.get(hashName), hasRange() ? item.get(rangeName) : null);
    }

    /** Checks a Key parameter names exactly the key attributes, as GetItem, DeleteItem and UpdateItem do. */
    ItemKey keyOfKeyParameter(ObjectNode key) {
        int expected = hasRange() ? 2 : 1;
        if (key.size() != expected || !key.has(hashName) || (hasRange() && !key.has(rangeName))) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        checkKeyAttribute(key, hashName, hashType, "The provided key element does not match the schema");
        if (hasRange()) {
            checkKeyAttribute(key, rangeName, rangeType, "The provided key element does not match the schema");
        }
        return itemKey(key.get(hashName), hasRange() ? key.get(rangeName) : null);
    }

    private static void checkKeyAttribute(ObjectNode item, String name, String type, String missing) {
        JsonNode value = item.get(name);
        if (value == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: " + missing);
        }
        String actual = AttributeValues.type(value);
        if (!actual.equals(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + actual);
        }
        if (!type.equals("N") && value.get(type).asText().isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + name);
        }
    }

    ItemKey itemKey(JsonNode hash, JsonNode range) {
        return new ItemKey(partitionHash(hash), hash, range);
    }

    /** Where the partition key places the item: stable across runs, spread evenly (as DynamoDB's hashing). */
    static long partitionHash(JsonNode hashValue) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(hashValue.toString().getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8) | (digest[3] & 0xFFL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }

    ArrayNode describe() {
        ArrayNode schema = AttributeValues.NODES.arrayNode();
        schema.addObject().put("AttributeName", hashName).put("KeyType", "HASH");
        if (hasRange()) {
            schema.addObject().put("AttributeName", rangeName).put("KeyType", "RANGE");
        }
        return schema;
    }
}
