-- The current state of each order: its latest change by stream sequence number, deleted orders left out.
-- Sequence numbers are decimal strings of up to 40 digits (beyond DECIMAL(38)): compared by length, then text.
-- A change delivered twice (Pipes and Firehose deliver at least once) is harmless: one copy ranks first.
WITH ranked AS (
  SELECT orderid, product_name, quantity, price, cdc_event_type, creation_datetime,
         row_number() OVER (PARTITION BY orderid
                            ORDER BY length(cdc_sequence_number) DESC, cdc_sequence_number DESC) AS latest
  FROM orders_changes
)
SELECT orderid, product_name, quantity, price, creation_datetime AS last_changed
FROM ranked
WHERE latest = 1 AND cdc_event_type <> 'REMOVE'
ORDER BY orderid
