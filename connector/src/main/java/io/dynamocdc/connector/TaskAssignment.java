package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which shard families one task reads, carried in its configuration as
 * {@code table|streamArn|root,root;table|streamArn|root…}, and how the connector spreads families over
 * tasks.
 */
record TaskAssignment(List<StreamFamilies> streams) {

    static final String CONFIG = "task.assignment";

    /** The families of one stream a task owns. */
    record StreamFamilies(String table, String streamArn, List<String> roots) {
    }

    String encode() {
        List<String> parts = new ArrayList<>();
        for (StreamFamilies stream : streams) {
            parts.add(stream.table() + "|" + stream.streamArn() + "|" + String.join(",", stream.roots()));
        }
        return String.join(";", parts);
    }

    static TaskAssignment decode(String text) {
        List<StreamFamilies> streams = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(";")) {
                String[] fields = part.split("\\|", 3);
                if (fields.length != 3) {
                    throw new IllegalArgumentException("not a task assignment: " + part);
                }
                streams.add(new StreamFamilies(fields[0], fields[1], fields[2].isEmpty() ? List.of() : List.of(fields[2].split(","))));
            }
        }
        return new TaskAssignment(streams);
    }

    /** One family to place: its stream and root, weighted by the shards it holds. */
    record Family(String table, String streamArn, String root, int shards) {
    }

    /**
     * Spreads families over at most {@code maxTasks} tasks: heaviest first, each to the task with the
     * fewest shards so far (ties to the lower task number), so the result does not depend on input order.
     */
    static List<TaskAssignment> spread(List<Family> families, int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, families.size()));
        List<List<Family>> placed = new ArrayList<>();
        int[] load = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            placed.add(new ArrayList<>());
        }
        List<Family> ordered = new ArrayList<>(families);
        ordered.sort(Comparator.comparingInt(Family::shards).reversed().thenComparing(Family::streamArn).thenComparing(Family::root));
        for (Family family : ordered) {
            int target = 0;
            for (int t = 1; t < tasks; t++) {
                if (load[t] < load[target]) {
                    target = t;
                }
            }
            placed.get(target).add(family);
            load[target] += Math.max(1, family.shards());
        }
        List<TaskAssignment> assignments = new ArrayList<>();
        for (List<Family> taskFamilies : placed) {
            Map<String, StreamFamilies> byStream = new LinkedHashMap<>();
            taskFamilies.sort(Comparator.comparing(Family::streamArn).thenComparing(Family::root));
            for (Family family : taskFamilies) {
                byStream.computeIfAbsent(family.streamArn(), arn -> new StreamFamilies(family.table(), arn, new ArrayList<>()))
                        .roots().add(family.root());
            }
            assignments.add(new TaskAssignment(new ArrayList<>(byStream.values())));
        }
        return assignments;
    }
}
