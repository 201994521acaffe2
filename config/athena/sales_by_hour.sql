-- New orders per UTC hour of the change (the dt/hour partitions): count, units and revenue as placed.
-- A change delivered twice (at-least-once delivery) is counted once.
SELECT dt, hour, count(*) AS orders, sum(quantity) AS units, sum(quantity * price) AS revenue
FROM (SELECT DISTINCT dt, hour, orderid, cdc_sequence_number, quantity, price
      FROM orders_changes
      WHERE cdc_event_type = 'INSERT') AS placed
GROUP BY dt, hour
ORDER BY dt, hour
