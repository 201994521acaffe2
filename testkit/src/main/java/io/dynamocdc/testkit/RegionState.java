package io.dynamocdc.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything of one region: its tables (by name, sorted as ListTables returns them) and every stream
 * ever created there (a deleted table's streams stay readable for 24 hours, as DynamoDB's do).
 */
final class RegionState {

    final String region;
    final Map<String, Table> tables = new ConcurrentSkipListMap<>();
    final List<TableStream> streams = new CopyOnWriteArrayList<>();
    final Map<String, TableStream> streamsByArn = new ConcurrentHashMap<>();

    RegionState(String region) {
        this.region = region;
    }

    Table table(String name) {
        if (name == null || name.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    TableStream stream(String arn) {
        TableStream stream = arn == null ? null : streamsByArn.get(arn);
        if (stream == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        }
        return stream;
    }

    void addStream(TableStream stream) {
        if (streamsByArn.putIfAbsent(stream.arn, stream) != null) {
            throw new IllegalStateException("a stream " + stream.arn + " exists already");
        }
        streams.add(stream);
    }
}
