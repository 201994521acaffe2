package io.dynamocdc.connector;

/** One shard as a task reads it, over JMX ({@code io.dynamocdc.connector:type=shard,…}). */
public interface ShardMetricsMBean {

    String getTable();

    String getShardId();

    /** Milliseconds between the newest change read from the shard and now; -1 before any. */
    long getMillisBehindLatest();

    long getRecordsRead();

    long getGetRecordsCalls();

    long getThrottles();
}
