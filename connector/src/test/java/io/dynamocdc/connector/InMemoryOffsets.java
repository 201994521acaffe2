package io.dynamocdc.connector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Offsets kept as Connect would after committing every record delivered: the last one per partition, found
 * as Kafka finds them, by the bytes its internal JsonConverter gives {@code [connector, partition]}. So a
 * partition map whose order changes between writing and reading is not found, as in a real worker.
 */
final class InMemoryOffsets implements OffsetStorageReader {

    static final String CONNECTOR = "dynamo-cdc-test";

    /** Read by the task's reader threads while the test thread commits. */
    private final Map<ByteBuffer, Map<String, Object>> offsets = new ConcurrentHashMap<>();
    private final JsonConverter keys = new JsonConverter();

    InMemoryOffsets() {
        keys.configure(Map.of("schemas.enable", "false"), true);
    }

    @SuppressWarnings("unchecked")
    void commit(SourceRecord record) {
        put((Map<String, ?>) record.sourcePartition(), (Map<String, Object>) record.sourceOffset());
    }

    /** Stores an offset under exactly this partition map's bytes (e.g. an order an earlier build wrote). */
    void put(Map<String, ?> partition, Map<String, Object> offset) {
        if (offset == null) {
            offsets.remove(key(partition));
        } else {
            offsets.put(key(partition), offset);
        }
    }

    /** The partitions stored, as the bytes Kafka keeps them under (its offsets topic's keys). */
    Set<String> storedKeys() {
        Set<String> stored = new TreeSet<>();
        offsets.keySet().forEach(key -> stored.add(new String(key.array(), StandardCharsets.UTF_8)));
        return stored;
    }

    private ByteBuffer key(Map<String, ?> partition) {
        return ByteBuffer.wrap(keys.fromConnectData(CONNECTOR, null, Arrays.asList(CONNECTOR, partition)));
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get(key(partition));
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            found.put(partition, offsets.get(key(partition)));
        }
        return found;
    }

    SourceTaskContext context() {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return InMemoryOffsets.this;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("no metrics in this test context");
            }
        };
    }
}
