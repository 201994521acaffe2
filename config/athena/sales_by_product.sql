-- Units and revenue per product over the orders as they stand now (after updates and deletes).
-- A change delivered twice (at-least-once delivery) is harmless: one copy ranks first.
WITH ranked AS (
  SELECT orderid, product_name, quantity, price, cdc_event_type,
         row_number() OVER (PARTITION BY orderid
                            ORDER BY length(cdc_sequence_number) DESC, cdc_sequence_number DESC) AS latest
  FROM orders_changes
)
SELECT product_name, sum(quantity) AS units, sum(quantity * price) AS revenue
FROM ranked
WHERE latest = 1 AND cdc_event_type <> 'REMOVE'
GROUP BY product_name
ORDER BY revenue DESC, product_name
