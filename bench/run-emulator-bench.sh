#!/usr/bin/env bash
# The testkit emulator's speed: GetRecords records/s to one reader and PutItem items/s from one thread,
# through AWS SDK v2 (and, for GetRecords, the bare HTTP exchange: the emulator's side alone).
# See bench/README.md.
#
# usage: bench/run-emulator-bench.sh [extra JMH arguments]
# environment:
#   REBUILD=1          rebuild bench/target/benchmarks.jar even when it exists
#   MAVEN_ARGS="-o"    extra arguments for mvn (e.g. offline)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
target="$repo_root/bench/target"
jar="$target/benchmarks.jar"
jmh_results="$target/jmh-emulator.json"
summary_file="$target/emulator-bench-summary.txt"

if [[ ! -f "$jar" || "${REBUILD:-0}" == "1" ]]; then
    echo ">> building $jar"
    # shellcheck disable=SC2086
    mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl bench -am package
fi

# The SDK's request path takes about a minute of calls to be compiled: long warm-up, then measure.
echo ">> JMH: EmulatorGetRecordsBenchmark, EmulatorPutItemBenchmark (results in $jmh_results)"
java -jar "$jar" "EmulatorGetRecordsBenchmark|EmulatorPutItemBenchmark" -wi 20 -w 3 -i 5 -r 5 \
    -rf json -rff "$jmh_results" "$@"

PYTHONPATH="$repo_root/bench/python" python3 - "$jmh_results" <<'PY' | tee "$summary_file"
import json, sys
from machine import cpu, java_version

results = json.load(open(sys.argv[1]))
java = java_version()
print()
print('== testkit emulator ==')
print('machine: %s; %s' % (cpu(), java[0] if java else 'java ?'))
best = {}
for r in results:
    name = r['benchmark'].rsplit('.', 2)
    bench = name[-2].replace('Emulator', '').replace('Benchmark', '') + '.' + name[-1]
    client = r['params']['httpClient']
    m = r['primaryMetric']
    try:
        error = float(m['scoreError'])
    except (TypeError, ValueError):
        error = float('nan')
    print('  %-18s %-14s %12.0f ± %.0f per second' % (bench, client, m['score'], error))
    best[bench] = max(best.get(bench, 0), m['score'])
targets = {'GetRecords.raw': 200000, 'GetRecords.sdk': 200000, 'PutItem.putItem': 5000}
for bench, target in targets.items():
    if bench in best:
        print('target %-16s %9.0f/s: %s (%.0f%%)' % (bench, target, 'reached' if best[bench] >= target else 'NOT reached',
                                                     100 * best[bench] / target))
PY
echo ">> summary written to $summary_file"
