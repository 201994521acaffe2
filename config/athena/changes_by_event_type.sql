-- How many changes of each kind, with REMOVEs done by DynamoDB's TTL process counted apart.
SELECT cdc_event_type,
       count(*) AS changes,
       sum(CASE WHEN cdc_ttl_delete THEN 1 ELSE 0 END) AS ttl_deletes
FROM orders_changes
GROUP BY cdc_event_type
ORDER BY cdc_event_type
