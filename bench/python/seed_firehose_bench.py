#!/usr/bin/env python3
"""The seed project's Python Lambda on a whole Firehose event, for comparison with the Java Lambda.

One invocation = one Firehose transformation event (bytes) to the response (bytes), with the seed
Lambda's logic: json.loads of the whole event; per record base64 decode, json.loads, take NewImage,
build orderid / product_name / quantity (int) / price (float) / cdc_event_type / creation_datetime,
json.dumps + '\\n', base64 encode; then json.dumps of the whole response, encoded UTF-8 (the bytes the
runtime would send). The Java side (FirehoseHandlerBenchmark / LocalInvoke) does the same from event
bytes to response bytes, and adds partition-key metadata the seed has not.

Standard library only. Two modes:

  warm: seed_firehose_bench.py EVENT.json [--seconds 10] [--warmup-seconds 2]
        handles the same event bytes again and again, and prints
        python-seed-firehose records_per_s=NNN events_per_s=N records=N events=N seconds=S
  breakdown: seed_firehose_bench.py EVENT.json --breakdown [--seconds 10]
        the same work split into steps, each timed alone over the whole event (µs per record)
  cold: seed_firehose_bench.py --once EVENT.json
        reads the file, handles it once, writes the response to stdout and exits: what the cold-start
        benchmark runs as a fresh process. Imports only what the seed Lambda imports (json, base64,
        datetime) besides sys.
"""

import base64
import json
import sys
from datetime import datetime, timezone


def lambda_handler(event, context):
    """The seed's handler, unchanged but for the deprecated utcfromtimestamp (same text, see below)."""
    output_records = []
    for record in event['records']:
        try:
            payload = base64.b64decode(record['data'])
            payload_json = json.loads(payload)
            event_name = payload_json['eventName']
            approx_creation_datetime = payload_json['dynamodb']['ApproximateCreationDateTime']
            # The seed wrote datetime.utcfromtimestamp(t).isoformat() + 'Z' (deprecated since 3.12); this is
            # the same text: an aware UTC datetime made naive again before isoformat() drops the '+00:00'.
            creation_datetime = datetime.fromtimestamp(approx_creation_datetime, timezone.utc).replace(tzinfo=None).isoformat() + 'Z'
            new_image = payload_json['dynamodb']['NewImage']

            transformed_data = {
                'orderid': new_image['orderid']['S'],
                'product_name': new_image['product_name']['S'],
                'quantity': int(new_image['quantity']['N']),
                'price': float(new_image['price']['N']),
                'cdc_event_type': event_name,
                'creation_datetime': creation_datetime
            }

            transformed_data_encoded = base64.b64encode((json.dumps(transformed_data) + '\n').encode('utf-8')).decode('utf-8')

            output_records.append({'recordId': record['recordId'], 'result': 'Ok', 'data': transformed_data_encoded})
        except Exception:
            output_records.append({'recordId': record['recordId'], 'result': 'ProcessingFailed', 'data': record['data']})
    return {'records': output_records}


def invoke(event_bytes: bytes) -> bytes:
    """One invocation as the runtime sees it: event bytes in, response bytes out."""
    return json.dumps(lambda_handler(json.loads(event_bytes), None)).encode('utf-8')


def check(response_bytes: bytes, expected_records: int):
    """The answer has one Ok record per record sent, and the first row has the seed's six columns."""
    records = json.loads(response_bytes)['records']
    ok = sum(1 for r in records if r['result'] == 'Ok')
    if len(records) != expected_records or ok != expected_records:
        raise SystemExit('python-seed-firehose: %d records answered, %d Ok, of %d sent'
                         % (len(records), ok, expected_records))
    row = json.loads(base64.b64decode(records[0]['data']))
    assert list(row) == ['orderid', 'product_name', 'quantity', 'price', 'cdc_event_type', 'creation_datetime'], row


def cold(path):
    with open(path, 'rb') as f:
        event_bytes = f.read()
    out = sys.stdout.buffer
    out.write(invoke(event_bytes))
    out.write(b'\n')
    out.flush()


def warm(argv):
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('event', help='Firehose transformation event (JSON file)')
    parser.add_argument('--seconds', type=float, default=10.0, help='measure at least this long (default 10)')
    parser.add_argument('--warmup-seconds', type=float, default=2.0, help='untimed warm-up (default 2)')
    parser.add_argument('--breakdown', action='store_true', help='time each step of the handler alone instead')
    args = parser.parse_args(argv)

    with open(args.event, 'rb') as f:
        event_bytes = f.read()
    records_per_event = len(json.loads(event_bytes)['records'])
    check(invoke(event_bytes), records_per_event)

    def run(seconds):
        events = 0
        size = 0
        start = time.perf_counter()
        while True:
            size += len(invoke(event_bytes))
            events += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return events, elapsed, size

    if args.breakdown:
        breakdown(event_bytes, records_per_event, args.seconds, time.perf_counter)
        return
    if args.warmup_seconds > 0:
        run(args.warmup_seconds)
    events, elapsed, _ = run(args.seconds)
    records = events * records_per_event
    print('python-seed-firehose records_per_s=%.0f events_per_s=%.3f records=%d events=%d event_bytes=%d seconds=%.3f python=%s'
          % (records / elapsed, events / elapsed, records, events, len(event_bytes), elapsed, sys.version.split()[0]))


def breakdown(event_bytes, records, seconds, clock):
    """The handler's steps one at a time, each over the whole event, in µs per record. The steps are
    those of lambda_handler and invoke(), pulled apart; their sum is close to one invocation."""
    import gc

    event = json.loads(event_bytes)
    data = [r['data'] for r in event['records']]
    payloads = [base64.b64decode(d) for d in data]
    parsed = [json.loads(p) for p in payloads]

    def to_row(payload_json):
        approx = payload_json['dynamodb']['ApproximateCreationDateTime']
        new_image = payload_json['dynamodb']['NewImage']
        return {
            'orderid': new_image['orderid']['S'],
            'product_name': new_image['product_name']['S'],
            'quantity': int(new_image['quantity']['N']),
            'price': float(new_image['price']['N']),
            'cdc_event_type': payload_json['eventName'],
            'creation_datetime': datetime.fromtimestamp(approx, timezone.utc).replace(tzinfo=None).isoformat() + 'Z',
        }

    rows = [to_row(p) for p in parsed]
    lines = [(json.dumps(r) + '\n').encode('utf-8') for r in rows]
    encoded = [base64.b64encode(line).decode('utf-8') for line in lines]
    response = {'records': [{'recordId': r['recordId'], 'result': 'Ok', 'data': e}
                            for r, e in zip(event['records'], encoded)]}
    gc.collect()
    gc.freeze()  # the fixtures above are not garbage: keep the collector from walking them in every step
    # Each step discards its results as it goes, as the handler does: keeping 5,000 of them alive would
    # time the allocator's fresh memory rather than the step.
    def each(function, items):
        def step():
            for item in items:
                function(item)
        return step

    steps = [
        ('event parse (json.loads of the event)', lambda: json.loads(event_bytes)),
        ('base64 decode', each(base64.b64decode, data)),
        ('stream-record parse (json.loads)', each(json.loads, payloads)),
        ('row dict + datetime', each(to_row, parsed)),
        ('row write (json.dumps + encode)', each(lambda r: (json.dumps(r) + '\n').encode('utf-8'), rows)),
        ('base64 encode', each(lambda line: base64.b64encode(line).decode('utf-8'), lines)),
        ('answer dicts', each(lambda pair: {'recordId': pair[0]['recordId'], 'result': 'Ok', 'data': pair[1]},
                              list(zip(event['records'], encoded)))),
        ('response write (json.dumps + encode)', lambda: json.dumps(response).encode('utf-8')),
    ]
    per_step = max(seconds / (len(steps) + 1), 0.2)
    total = 0.0
    for name, step in steps:
        step()
        done = 0
        start = clock()
        while True:
            step()
            done += 1
            elapsed = clock() - start
            if elapsed >= per_step:
                break
        us = elapsed / done / records * 1e6
        total += us
        print('python-seed-firehose step=%r us_per_record=%.3f' % (name, us))
    start = clock()
    done = 0
    while clock() - start < per_step:
        invoke(event_bytes)
        done += 1
    whole = (clock() - start) / done / records * 1e6
    print('python-seed-firehose steps_sum_us_per_record=%.3f whole_invocation_us_per_record=%.3f' % (total, whole))


def main(argv):
    # Cold mode is checked by hand, before argparse is imported: the seed Lambda imports only json, base64
    # and datetime, and a fresh process should not pay for more than that.
    if len(argv) == 2 and argv[0] == '--once':
        cold(argv[1])
    else:
        warm(argv)


if __name__ == '__main__':
    main(sys.argv[1:])
