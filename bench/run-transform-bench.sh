#!/usr/bin/env bash
# Transform throughput: the Java core (JMH, one thread) against the seed's Python Lambda logic, on the
# same seed-order records. See bench/README.md.
#
# usage: bench/run-transform-bench.sh [extra JMH arguments, e.g. -prof gc or -wi 5 -i 10]
# environment:
#   REBUILD=1          rebuild bench/target/benchmarks.jar even when it exists
#   MAVEN_ARGS="-o"    extra arguments for mvn (e.g. offline)
#   RECORDS=1024       records in the shared records file (the JMH benchmark cycles the same 1024)
#   PY_SECONDS=10      how long the Python program measures (after a 2 s warm-up)
#   PYTHON=python3     the Python interpreter
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
target="$repo_root/bench/target"
jar="$target/benchmarks.jar"
records_file="$target/seed-records.jsonl"
jmh_results="$target/jmh-transform.json"
summary_file="$target/transform-bench-summary.txt"
records=${RECORDS:-1024}
py_seconds=${PY_SECONDS:-10}
python=${PYTHON:-python3}

if [[ ! -f "$jar" || "${REBUILD:-0}" == "1" ]]; then
    echo ">> building $jar"
    # shellcheck disable=SC2086
    mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl bench -am package
fi
mkdir -p "$target"

echo ">> generating $records seed-order records into $records_file"
java -cp "$jar" io.dynamocdc.bench.SeedOrders "$records" "$records_file"

echo ">> JMH: TransformBenchmark (one thread; results in $jmh_results)"
java -jar "$jar" TransformBenchmark -rf json -rff "$jmh_results" "$@"

echo ">> Python: the seed Lambda's logic over the same records (${py_seconds}s)"
py_line=$("$python" "$repo_root/bench/python/seed_lambda_bench.py" "$records_file" --seconds "$py_seconds" --limit "$records")
echo "$py_line"

PYTHONPATH="$repo_root/bench/python" "$python" - "$jmh_results" "$py_line" <<'EOF' | tee "$summary_file"
import json, platform, re, sys
from machine import cpu, java_version

results = json.load(open(sys.argv[1]))
scores = {}
for r in results:
    name = r['benchmark'].rsplit('.', 1)[-1]
    m = r['primaryMetric']
    try:
        error = float(m['scoreError'])  # "NaN" (a string) when there is a single iteration
    except (TypeError, ValueError):
        error = float('nan')
    scores[name] = (float(m['score']), error, m['scoreUnit'])
python_rate = float(re.search(r'records_per_s=([0-9.]+)', sys.argv[2]).group(1))

java = java_version()
print()
print('== transform throughput, one thread ==')
print('machine: %s; %s; python %s' % (cpu(), java[0] if java else 'java ?', platform.python_version()))
for name in ('transform', 'parse', 'write', 'jacksonTokenWalk'):
    if name in scores:
        score, error, unit = scores[name]
        print('  java %-17s %12.0f ± %.0f %s  (%.3f µs/record)' % (name, score, error, unit, 1e6 / score))
if 'transform' in scores:
    java_rate = scores['transform'][0]
    print('java-core records_per_s=%.0f' % java_rate)
    print('python-seed records_per_s=%.0f' % python_rate)
    print('ratio java/python=%.1f' % (java_rate / python_rate))
    print('target 1,000,000 records/s: %s (%.0f%% of it)'
          % ('reached' if java_rate >= 1e6 else 'NOT reached', 100 * java_rate / 1e6))
EOF
echo ">> summary written to $summary_file"
