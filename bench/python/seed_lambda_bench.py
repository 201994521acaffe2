#!/usr/bin/env python3
"""Throughput of the seed project's Python Lambda transform, for comparison with the Java core.

One operation = one DynamoDB Streams record (bytes) to one row (bytes), with the seed Lambda's logic:
json.loads, take NewImage, build orderid / product_name / quantity (int) / price (float) /
cdc_event_type / creation_datetime, json.dumps + '\\n', encode UTF-8. No base64 and no Firehose batch
envelope: the Java benchmark has neither, so both sides measure the same per-record work.

Standard library only. Reads a JSON-lines file (one record per line, as SeedOrders writes it), then
loops over it until --seconds have passed (or --passes full passes), after a warm-up, and prints

    python-seed records_per_s=NNN records=N seconds=S

Usage: seed_lambda_bench.py RECORDS.jsonl [--seconds 10] [--passes N] [--warmup-seconds 2]
"""

import argparse
import json
import sys
import time
from datetime import datetime, timezone


def transform(payload: bytes) -> bytes:
    """The seed Lambda's per-record body, minus base64 on both sides."""
    payload_json = json.loads(payload)
    event_name = payload_json['eventName']
    approx_creation_datetime = payload_json['dynamodb']['ApproximateCreationDateTime']
    # The seed wrote datetime.utcfromtimestamp(t).isoformat() + 'Z' (deprecated since 3.12); this is the
    # same text: an aware UTC datetime made naive again before isoformat() drops the '+00:00'.
    creation_datetime = datetime.fromtimestamp(approx_creation_datetime, timezone.utc).replace(tzinfo=None).isoformat() + 'Z'
    new_image = payload_json['dynamodb']['NewImage']

    transformed_data = {
        'orderid': new_image['orderid']['S'],
        'product_name': new_image['product_name']['S'],
        'quantity': int(new_image['quantity']['N']),
        'price': float(new_image['price']['N']),
        'cdc_event_type': event_name,
        'creation_datetime': creation_datetime,
    }
    return (json.dumps(transformed_data) + '\n').encode('utf-8')


def read_records(path):
    with open(path, 'rb') as f:
        return [line.rstrip(b'\n') for line in f if line.strip()]


def run(records, seconds=None, passes=None):
    """Loops over the records; returns (records done, elapsed seconds). Checks the clock once per pass."""
    done = 0
    sink = 0
    start = time.perf_counter()
    completed_passes = 0
    while True:
        for record in records:
            sink += len(transform(record))
        done += len(records)
        completed_passes += 1
        elapsed = time.perf_counter() - start
        if passes is not None and completed_passes >= passes:
            break
        if seconds is not None and elapsed >= seconds:
            break
    if sink <= 0:
        raise RuntimeError('no output')
    return done, elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('records', help='JSON-lines file of DynamoDB Streams records')
    parser.add_argument('--seconds', type=float, default=10.0, help='measure at least this long (default 10)')
    parser.add_argument('--passes', type=int, default=None, help='measure exactly this many passes instead')
    parser.add_argument('--warmup-seconds', type=float, default=2.0, help='untimed warm-up (default 2)')
    parser.add_argument('--limit', type=int, default=1024,
                        help='use the first N records, like the Java benchmark (default 1024; 0 = all)')
    args = parser.parse_args(argv)

    records = read_records(args.records)
    if args.limit:
        records = records[:args.limit]
    if not records:
        sys.exit('no records in ' + args.records)

    # A sanity check that the logic is the seed's: the first row parses and has its six columns.
    row = json.loads(transform(records[0]))
    assert list(row) == ['orderid', 'product_name', 'quantity', 'price', 'cdc_event_type', 'creation_datetime'], row

    if args.warmup_seconds > 0:
        run(records, seconds=args.warmup_seconds)
    if args.passes is not None:
        done, elapsed = run(records, passes=args.passes)
    else:
        done, elapsed = run(records, seconds=args.seconds)
    print('python-seed records_per_s=%.0f records=%d seconds=%.3f python=%s'
          % (done / elapsed, done, elapsed, sys.version.split()[0]))


if __name__ == '__main__':
    main()
