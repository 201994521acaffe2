package io.dynamocdc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static final KeyOrder HASH_THEN_RANGE = new KeyOrder(List.of("orderid", "line"));

    @Test
    void aCompositeKeyReadRangeFirstComesOutHashFirst() {
        Map<String, Object> read = ordered("line", Map.of("N", "2"), "orderid", Map.of("S", "o-1"));
        assertThat(HASH_THEN_RANGE.apply(read).keySet()).containsExactly("orderid", "line");
        assertThat(HASH_THEN_RANGE.apply(read)).isEqualTo(read);
    }

    @Test
    void keysAlreadyInOrderAndSingleKeysAreLeftAsTheyAre() {
        Map<String, Object> inOrder = ordered("orderid", Map.of("S", "o-1"), "line", Map.of("N", "2"));
        assertThat(HASH_THEN_RANGE.apply(inOrder)).isSameAs(inOrder);
        Map<String, Object> single = ordered("orderid", Map.of("S", "o-1"));
        assertThat(new KeyOrder(List.of("orderid")).apply(single)).isSameAs(single);
        assertThat(KeyOrder.AS_READ.apply(ordered("b", 1, "a", 2)).keySet()).containsExactly("b", "a");
    }

    @Test
    void attributesTheSchemaDoesNotNameFollowInTheOrderRead() {
        Map<String, Object> odd = ordered("zeta", 1, "line", 2, "alpha", 3, "orderid", 4);
        assertThat(HASH_THEN_RANGE.apply(odd).keySet()).containsExactly("orderid", "line", "zeta", "alpha");
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
