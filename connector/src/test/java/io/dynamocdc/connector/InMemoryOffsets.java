package io.dynamocdc.connector;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Offsets kept as Connect would after committing every record delivered: the last one per partition. */
final class InMemoryOffsets implements OffsetStorageReader {

    /** Read by the task's reader threads while the test thread commits. */
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    void commit(SourceRecord record) {
        offsets.put((Map<String, Object>) record.sourcePartition(), (Map<String, Object>) record.sourceOffset());
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            found.put(partition, offsets.get(partition));
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
