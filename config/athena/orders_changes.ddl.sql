-- The Glue table of config/aws/template.yaml as Athena DDL, for creating it by hand (console users) or
-- in another database. Replace BUCKET with the stack's DataBucketName output and FIRST_DATE with the
-- first UTC day (yyyy-MM-dd) that holds changes. Same columns as the template's table; partitions are
-- projected, so no crawler and no MSCK REPAIR TABLE are needed.
CREATE EXTERNAL TABLE orders_changes (
  orderid             string,
  product_name        string,
  quantity            bigint,
  price               decimal(38,4),
  cdc_event_type      string,
  creation_datetime   string,
  cdc_sequence_number string,
  cdc_ttl_delete      boolean
)
PARTITIONED BY (dt string, hour string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://BUCKET/cdc/orders/'
TBLPROPERTIES (
  'classification'            = 'json',
  'projection.enabled'        = 'true',
  'projection.dt.type'        = 'date',
  'projection.dt.format'      = 'yyyy-MM-dd',
  'projection.dt.range'       = 'FIRST_DATE,NOW',
  'projection.dt.interval'    = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hour.type'      = 'integer',
  'projection.hour.range'     = '0,23',
  'projection.hour.digits'    = '2',
  'storage.location.template' = 's3://BUCKET/cdc/orders/dt=${dt}/hour=${hour}/'
)
