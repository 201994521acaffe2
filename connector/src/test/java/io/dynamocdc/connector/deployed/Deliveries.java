package io.dynamocdc.connector.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What arrived in the row topics against what was written: changes missing, delivered more than once, or
 * out of their key's order. Rows are the dynamo-cdc transform's (the shipped configuration's
 * {@code output.format=row}); a change is known by its key, event and version.
 */
final class Deliveries {

    /** One delivered row. */
    record Row(String id, ChangeWriter.Change change, byte[] key) {
    }

    private final Map<String, List<ChangeWriter.Change>> written;
    private final List<Row> rows;

    Deliveries(Map<String, List<ChangeWriter.Change>> written, List<Row> rows) {
        this.written = written;
        this.rows = rows;
    }

    /** Rows of the topics of these tables, each named by its table. */
    static List<Row> rows(List<ConsumerRecord<byte[], byte[]>> records, Map<String, String> tableByTopic) {
        List<Row> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String table = tableByTopic.get(record.topic());
            if (table == null || record.value() == null) {
                continue;
            }
            try {
                JsonNode row = ConnectRest.JSON.readTree(record.value());
                String key = row.path("orderid").asText() + (row.has("line") ? "#" + row.path("line").asText() : "");
                rows.add(new Row(table + "|" + key, new ChangeWriter.Change(row.path("cdc_event_type").asText(),
                        row.path("version").asLong()), record.key()));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON row in " + record.topic() + ": " + new String(record.value()), e);
            }
        }
        return rows;
    }

    /** Written changes that no row carries, per key. */
    Map<String, List<ChangeWriter.Change>> missing() {
        Map<String, Set<ChangeWriter.Change>> delivered = delivered();
        Map<String, List<ChangeWriter.Change>> missing = new LinkedHashMap<>();
        written.forEach((id, changes) -> changes.stream().filter(c -> !delivered.getOrDefault(id, Set.of()).contains(c))
                .forEach(c -> missing.computeIfAbsent(id, k -> new ArrayList<>()).add(c)));
        return missing;
    }

    /** Rows for changes that were not written (e.g. ones a start position should have left out). */
    List<Row> unexpected() {
        return rows.stream().filter(row -> !written.getOrDefault(row.id(), List.of()).contains(row.change())).toList();
    }

    /** How many rows repeat a change already delivered. */
    int duplicates() {
        Set<String> seen = new java.util.HashSet<>();
        int duplicates = 0;
        for (Row row : rows) {
            if (!seen.add(row.id() + "|" + row.change())) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** Keys whose changes did not first arrive in the order written. */
    List<String> outOfOrder() {
        List<String> wrong = new ArrayList<>();
        delivered().forEach((id, firstArrivals) -> {
            List<ChangeWriter.Change> expected = written.getOrDefault(id, List.of()).stream().filter(firstArrivals::contains).toList();
            if (!new ArrayList<>(firstArrivals).equals(expected)) {
                wrong.add(id + ": arrived " + firstArrivals + ", written " + written.get(id));
            }
        });
        return wrong;
    }

    /** Per key, the changes in the order they first arrived. */
    private Map<String, Set<ChangeWriter.Change>> delivered() {
        Map<String, Set<ChangeWriter.Change>> delivered = new HashMap<>();
        for (Row row : rows) {
            delivered.computeIfAbsent(row.id(), k -> new LinkedHashSet<>()).add(row.change());
        }
        return delivered;
    }

    int rowCount() {
        return rows.size();
    }

    List<Row> rowsList() {
        return rows;
    }

    String summary() {
        return rows.size() + " rows, " + written.values().stream().mapToInt(List::size).sum() + " changes written, "
                + missing().values().stream().mapToInt(List::size).sum() + " missing, " + duplicates() + " duplicates";
    }
}
