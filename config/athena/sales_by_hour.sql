-- New orders per UTC hour of the change (the dt/hour partitions): count, units and revenue as placed.
SELECT dt, hour, count(*) AS orders, sum(quantity) AS units, sum(quantity * price) AS revenue
FROM orders_changes
WHERE cdc_event_type = 'INSERT'
GROUP BY dt, hour
ORDER BY dt, hour
