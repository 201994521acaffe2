package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * A stream's shards as families: a root (a shard whose parent is gone or never was) and all its
 * descendants. A family is read by one task, parent before child, so an item's changes keep their order
 * across splits without tasks waiting on each other. When a parent has expired (24 hours after it
 * closed, long after it was drained), its children become roots of their own families and can be
 * spread over other tasks.
 */
final class ShardFamilies {

    private ShardFamilies() {
    }

    /** Root shard ids, in the stream's order. */
    static List<String> roots(List<Shard> shards) {
        Set<String> present = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        List<String> roots = new ArrayList<>();
        for (Shard shard : shards) {
            if (shard.parentShardId() == null || !present.contains(shard.parentShardId())) {
                roots.add(shard.shardId());
            }
        }
        return roots;
    }

    /** Children of each shard, in the stream's order. */
    static Map<String, List<String>> children(List<Shard> shards) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (Shard shard : shards) {
            if (shard.parentShardId() != null) {
                children.computeIfAbsent(shard.parentShardId(), k -> new ArrayList<>()).add(shard.shardId());
            }
        }
        return children;
    }

    /** The root's family: the root and its descendants, parents first. */
    static List<String> family(String root, Map<String, List<String>> children) {
        List<String> family = new ArrayList<>();
        family.add(root);
        for (int i = 0; i < family.size(); i++) {
            family.addAll(children.getOrDefault(family.get(i), List.of()));
        }
        return family;
    }
}
