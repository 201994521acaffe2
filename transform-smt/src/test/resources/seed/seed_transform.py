"""The seed project's Firehose transformation, as its README describes it, minus the Firehose
envelope: one DynamoDB stream record (JSON) per line on stdin, one row per line on stdout, or
the word FAILED where the seed would have answered ProcessingFailed. Used by the compatibility test."""
import json
import sys
from datetime import datetime, timezone


def seed_row(record):
    image = record['dynamodb']['NewImage']
    when = datetime.fromtimestamp(record['dynamodb']['ApproximateCreationDateTime'], timezone.utc)
    return {
        'orderid': image['orderid']['S'],
        'product_name': image['product_name']['S'],
        'quantity': int(image['quantity']['N']),
        'price': float(image['price']['N']),
        'cdc_event_type': record['eventName'],
        'creation_datetime': when.replace(tzinfo=None).isoformat() + 'Z',
    }


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        print(json.dumps(seed_row(json.loads(line))))
    except Exception:
        print('FAILED')
