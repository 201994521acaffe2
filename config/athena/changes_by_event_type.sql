-- How many changes of each kind, with REMOVEs done by DynamoDB's TTL process counted apart.
-- Pipes and Firehose deliver at least once: a change delivered twice is counted once (same key, same
-- stream sequence number).
SELECT cdc_event_type,
       count(*) AS changes,
       sum(CASE WHEN cdc_ttl_delete THEN 1 ELSE 0 END) AS ttl_deletes
FROM (SELECT DISTINCT orderid, cdc_sequence_number, cdc_event_type, cdc_ttl_delete FROM orders_changes) AS changes
GROUP BY cdc_event_type
ORDER BY cdc_event_type
