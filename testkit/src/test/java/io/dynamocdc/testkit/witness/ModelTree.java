package io.dynamocdc.testkit.witness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Turns SDK model objects into plain trees (maps by wire member name, lists, strings, numbers,
 * booleans, {@link java.time.Instant}s) so two backends' answers can be compared member by member.
 * A member the service did not send is left out; an empty list it did send stays, as {@code []}.
 */
final class ModelTree {

    /** The members of an AttributeValue that are sets: their order carries no meaning. */
    private static final Set<String> SET_MEMBERS = Set.of("SS", "NS", "BS");

    private ModelTree() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return pojo(pojo);
        }
        if (value instanceof List<?> list) {
            List<Object> tree = new ArrayList<>();
            list.forEach(element -> tree.add(of(element)));
            return tree;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> tree = new TreeMap<>();
            map.forEach((key, element) -> tree.put(String.valueOf(key), of(element)));
            return tree;
        }
        if (value instanceof SdkBytes bytes) {
            return bytes.asUtf8String();
        }
        return value;
    }

    /** An error answer: what a client can branch on (error type and HTTP status), not the wording. */
    static Map<String, Object> error(AwsServiceException e) {
        Map<String, Object> tree = new TreeMap<>();
        tree.put("errorType", e.awsErrorDetails().errorCode());
        tree.put("httpStatus", e.statusCode());
        tree.put("sdkException", e.getClass().getSimpleName());
        return tree;
    }

    private static Map<String, Object> pojo(SdkPojo pojo) {
        Map<String, Object> tree = new TreeMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object member = of(field.getValueOrDefault(pojo));
            if (member == null) {
                continue;
            }
            if (SET_MEMBERS.contains(field.memberName()) && member instanceof List<?> set) {
                List<Object> sorted = new ArrayList<>(set);
                sorted.sort(Comparator.comparing(String::valueOf));
                member = sorted;
            }
            tree.put(field.memberName(), member);
        }
        return tree;
    }
}
