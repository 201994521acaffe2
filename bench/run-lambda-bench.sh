#!/usr/bin/env bash
# The Firehose transformation Lambda: warm batch throughput (JMH, one thread, a whole ~5 MB event of
# 5,000 seed-order records per invocation) and cold start (a fresh JVM answering a 500-record event),
# each side by side with the seed's Python Lambda logic on the same event. See bench/README.md,
# section "Lambda bridge: warm batch and cold start".
#
# usage: bench/run-lambda-bench.sh [extra JMH arguments, e.g. -prof gc or -wi 5 -i 10]
# environment:
#   REBUILD=1            rebuild even when the jars are newer than the sources
#   MAVEN_ARGS="-o"      extra arguments for mvn (e.g. offline)
#   RECORDS=5000         records in the warm event (the JMH benchmark always uses 5,000)
#   COLD_RECORDS=500     records in the cold-start event
#   COLD_RUNS=10         fresh processes per cold variant (median and min are reported)
#   PY_SECONDS=10        how long the Python warm run measures (after a 2 s warm-up)
#   PYTHON=python3       the Python interpreter (warm run and cold processes)
#   BREAKDOWN=1          also run the stage/part benchmarks and the Python step timing (0: handler only)
#   PROFILE=0            1: also record the handler benchmark with JFR and attribute its samples to stages
#   LAMBDA_JAVA_FLAGS    JVM flags of the cold runs (default: what the java17 managed runtime uses)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
target="$repo_root/bench/target"
jar="$target/benchmarks.jar"
lambda_jar="$repo_root/lambda-bridge/target/dynamo-cdc-lambda.jar"
records=${RECORDS:-5000}
cold_records=${COLD_RECORDS:-500}
cold_runs=${COLD_RUNS:-10}
py_seconds=${PY_SECONDS:-10}
python=${PYTHON:-python3}
breakdown=${BREAKDOWN:-1}
profile=${PROFILE:-0}
java_flags=${LAMBDA_JAVA_FLAGS:-"-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:on"}
warm_event="$target/firehose-$records.json"
cold_event="$target/firehose-$cold_records.json"
jmh_results="$target/jmh-lambda.json"
python_warm="$target/python-firehose-warm.txt"
cold_results="$target/lambda-cold.json"
profile_results="$target/lambda-profile.txt"
summary_file="$target/lambda-bench-summary.txt"

# Build when a jar is missing or older than anything it is built from.
stale=0
for built in "$jar" "$lambda_jar"; do
    if [[ ! -f "$built" ]]; then
        stale=1
    elif [[ -n "$(find pom.xml bench/pom.xml bench/src/main lambda-bridge/pom.xml lambda-bridge/src/main \
                      transform-smt/pom.xml transform-smt/src/main -newer "$built" -print -quit)" ]]; then
        stale=1
    fi
done
if [[ $stale == 1 || "${REBUILD:-0}" == "1" ]]; then
    echo ">> building $jar and $lambda_jar"
    # shellcheck disable=SC2086
    mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl bench -am package
fi
mkdir -p "$target"

echo ">> generating the Firehose events: $records records (warm), $cold_records records (cold)"
java -cp "$jar" io.dynamocdc.bench.FirehoseEvents "$records" "$warm_event"
java -cp "$jar" io.dynamocdc.bench.FirehoseEvents "$cold_records" "$cold_event"

# The machine's speed drifts by tens of percent within minutes, so the Python warm run is taken twice,
# just before and just after the Java handler benchmark, and the ratio uses their mean.
python_warm_run() {
    echo ">> Python: the seed Lambda's logic on the same event (${py_seconds}s after a 2 s warm-up), $1"
    "$python" "$repo_root/bench/python/seed_firehose_bench.py" "$warm_event" --seconds "$py_seconds" | tee -a "$python_warm"
}
# JMH refuses to start while another JMH run holds its lock (/tmp/jmh.lock): on a shared machine, wait
# for the other run to finish rather than measure beside it.
run_jmh() {
    local log="$target/jmh-lambda-last.log"
    for attempt in $(seq 1 80); do
        if java -jar "$jar" "$@" 2>&1 | tee "$log"; then
            return 0
        fi
        if grep -q 'Another JMH instance' "$log"; then
            echo ">> another JMH run holds the lock; waiting 15 s (attempt $attempt)"
            sleep 15
            continue
        fi
        return 1
    done
    return 1
}
rm -f "$python_warm" "$jmh_results" "$target/jmh-lambda-breakdown.json"
python_warm_run "before the Java run"
echo ">> JMH: FirehoseHandlerBenchmark.handler (one thread, one invocation = one 5,000-record event; $jmh_results)"
run_jmh 'FirehoseHandlerBenchmark.handler$' -rf json -rff "$jmh_results" "$@"
python_warm_run "after the Java run"

if [[ $breakdown == 1 ]]; then
    echo ">> JMH: the handler's stages and per-record pieces alone ($target/jmh-lambda-breakdown.json)"
    run_jmh 'FirehoseHandlerBenchmark.(stage|part)' -rf json -rff "$target/jmh-lambda-breakdown.json" "$@"
    echo ">> Python: the same steps timed one at a time"
    "$python" "$repo_root/bench/python/seed_firehose_bench.py" "$warm_event" --breakdown --seconds "$py_seconds" \
        | tee -a "$python_warm"
fi

if [[ $profile == 1 ]]; then
    echo ">> JFR: where the handler's time goes ($profile_results)"
    jfr_file="$target/lambda-handler.jfr"
    rm -f "$jfr_file"
    run_jmh 'FirehoseHandlerBenchmark.handler$' -wi 5 -i 8 \
        -jvmArgsAppend "-XX:StartFlightRecording=delay=15s,filename=$jfr_file,settings=profile -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" \
        > "$target/lambda-profile-jmh.txt"
    jfr print --events jdk.ExecutionSample --stack-depth 96 "$jfr_file" > "$target/lambda-handler-samples.txt"
    "$python" - "$target/lambda-handler-samples.txt" <<'EOF' | tee "$profile_results"
import collections, re, sys
# Each execution sample of the benchmark thread goes to the stage of the frame nearest the leaf that names
# one (Jackson's, the JDK's and shared helpers' frames name none and are skipped over); the last two
# entries are catch-alls, used only when no stage is on the stack.
CATEGORIES = [
    ('base64 encode (response data)', r'Base64Codec\.encode|Base64Variant\.encode|JsonGenerator\._?writeBinary|Base64\$Encoder'),
    ('base64 decode', r'Base64Codec\.decode|java\.util\.Base64\$Decoder'),
    ('record to row, one pass (FastRowPath)', r'io\.dynamocdc\.transform\.FastRowPath'),
    ('response-size bookkeeping', r'io\.dynamocdc\.lambda\.ResponseSizes\.'),
    ('partition keys + Ok record', r'io\.dynamocdc\.lambda\.(PartitionKey|TransformedRecord)\.|FirehoseBatchProcessor\.partitionKeys'),
    ('stream-record parse', r'io\.dynamocdc\.transform\.(JsonTransform\.parse|ChangeEventParser)'),
    ('row write', r'io\.dynamocdc\.transform\.(JsonTransform\.(toJsonLine|render|toJson)|JsonChangeWriter)'),
    ('event parse', r'io\.dynamocdc\.lambda\.FirehoseEventReader\.'),
    ('response write (JSON, ids, metadata)', r'io\.dynamocdc\.lambda\.FirehoseResponseWriter\.'),
    ('log line', r'io\.dynamocdc\.lambda\.BridgeLog\.'),
    ('event bytes read (readAllBytes)', r'InputStream\.readAllBytes'),
    ('batch loop (processor itself)', r'io\.dynamocdc\.lambda\.FirehoseBatchProcessor\.'),
    ('handler, other', r'io\.dynamocdc\.lambda\.'),
]
CATEGORIES = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
stages, leaves, total = collections.Counter(), collections.Counter(), 0
thread, frames = '', None
for line in open(sys.argv[1]):
    s = line.strip()
    if s.startswith('sampledThread'):
        thread = s
    elif s.startswith('stackTrace = ['):
        frames = []
    elif frames is not None and s == ']':
        if 'FirehoseHandlerBenchmark.handler' in thread:
            total += 1
            # The most specific stage nearest the leaf; the two catch-alls only when no stage matches.
            stage = (next((name for f in frames for name, p in CATEGORIES[:-2] if p.search(f)), None)
                     or next((name for f in frames for name, p in CATEGORIES[-2:] if p.search(f)), 'other'))
            stages[stage] += 1
            if frames:
                leaves[re.sub(r'\(.*', '', frames[0])] += 1
        frames = None
    elif frames is not None:
        frames.append(s)
print('JFR execution samples on the handler benchmark thread: %d' % total)
for name, n in stages.most_common():
    print('  %5.1f %%  %s' % (100.0 * n / max(total, 1), name))
print('top self frames:')
for name, n in leaves.most_common(12):
    print('  %5.1f %%  %s' % (100.0 * n / max(total, 1), name))
EOF
fi

echo ">> cold start: $cold_runs fresh processes per variant, answering $cold_event"
"$python" - "$lambda_jar" "$cold_event" "$cold_records" "$cold_runs" "$java_flags" "$python" \
    "$repo_root/bench/python/seed_firehose_bench.py" "$target" "$cold_results" <<'EOF'
import json, os, re, shlex, statistics, subprocess, sys, time

lambda_jar, event, records, runs, java_flags, python, seed_py, target, out_file = sys.argv[1:]
records, runs = int(records), int(runs)
flags = shlex.split(java_flags)
archive = os.path.join(target, 'lambda-app.jsa')
cds = ['-XX:SharedArchiveFile=' + archive]

variants = [
    # name, command, expected exit code, answers the event?
    ('java', ['java'] + flags + ['-jar', lambda_jar, event], 0, True),
    ('java+appcds', ['java'] + flags + cds + ['-jar', lambda_jar, event], 0, True),
    ('python3', [python, seed_py, '--once', event], 0, True),
    # For reference: the JVM's default flags (tiered C1+C2, G1), no archive of ours.
    ('java-default-flags', ['java', '-jar', lambda_jar, event], 0, True),
    # Start-up floors: the JVM up to main (LocalInvoke's usage message, exit code 2) and Python up to
    # the seed's imports.
    ('java-to-main', ['java'] + flags + ['-jar', lambda_jar, '--help'], 2, False),
    ('java+appcds-to-main', ['java'] + flags + cds + ['-jar', lambda_jar, '--help'], 2, False),
    ('python3-to-imports', [python, '-c', 'import base64, json, datetime'], 0, False),
]

def run(command, expected, capture_stdout=False):
    start = time.perf_counter()
    done = subprocess.run(command, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != expected:
        sys.exit('cold: %s exited %d (expected %d): %s' % (shlex.join(command), done.returncode, expected,
                                                           done.stderr.decode(errors='replace')[-2000:]))
    return elapsed, done

def handler_ms(stderr):
    m = re.search(rb'"DurationMs":([0-9.]+)', stderr)
    return float(m.group(1)) if m else None

# Training run for AppCDS: the same command, dumping the classes it loaded into a dynamic archive.
if os.path.exists(archive):
    os.remove(archive)
train_start = time.perf_counter()
run(['java'] + flags + ['-XX:ArchiveClassesAtExit=' + archive, '-jar', lambda_jar, event], 0)
train_seconds = time.perf_counter() - train_start
archive_bytes = os.path.getsize(archive)
print('  AppCDS training run: %.3f s, archive %s: %d bytes' % (train_seconds, archive, archive_bytes))

# One checked run each (also warms the page cache): the answers hold every record, Ok.
for name, command, expected, answers in variants:
    _, done = run(command, expected, capture_stdout=answers)
    if answers:
        response = json.loads(done.stdout)
        ok = sum(1 for r in response['records'] if r['result'] == 'Ok')
        if len(response['records']) != records or ok != records:
            sys.exit('cold: %s answered %d records, %d Ok, of %d' % (name, len(response['records']), ok, records))

# Timed runs, round-robin so that a slow spell of the machine hits every variant alike.
times = {name: [] for name, *_ in variants}
handler = {name: [] for name, *_ in variants}
for i in range(runs):
    for name, command, expected, answers in variants:
        elapsed, done = run(command, expected)
        times[name].append(elapsed * 1000)
        ms = handler_ms(done.stderr)
        if ms is not None:
            handler[name].append(ms)

# Where a cold run's time goes: one run each with the class-load log (uptime decorations). The log
# costs a little itself; its proportions, not its absolute times, are what to read.
def timeline(name, command):
    log = os.path.join(target, 'lambda-classload-%s.log' % name)
    if os.path.exists(log):
        os.remove(log)
    java = command[0]
    run([java, '-Xlog:class+load:file=%s:uptime' % log, '-Xlog:startuptime=info:file=%s.startup:uptime' % log]
        + command[1:], 0)
    lines = open(log).read().splitlines()
    def when(pattern):
        for line in lines:
            if re.search(pattern, line):
                return float(re.match(r'\[([0-9.]+)s\]', line).group(1)) * 1000
        return None
    sources = {}
    for line in lines:
        m = re.search(r'source: (.*)$', line)
        src = m.group(1) if m else '?'
        if src.startswith('file:'):
            src = 'application jar'
        elif src.startswith('jrt:'):
            src = 'JDK modules (jrt, parsed)'
        elif src == 'shared objects file':
            src = 'JDK default CDS archive'
        elif src == 'shared objects file (top)':
            src = 'our AppCDS archive'
        elif 'LookupDefineClass' in src or src.startswith(('io.', 'java.', 'jdk.', 'com.')):
            src = 'generated at run time (lambdas, method handles)'
        sources[src] = sources.get(src, 0) + 1
    create_vm = None
    try:
        for line in open(log + '.startup'):
            m = re.search(r'Create VM, ([0-9.]+) secs', line)
            if m:
                create_vm = float(m.group(1)) * 1000
    except OSError:
        pass
    end = float(re.match(r'\[([0-9.]+)s\]', lines[-1]).group(1)) * 1000
    marks = {
        'create_vm': create_vm,
        'main': when(r'io\.dynamocdc\.lambda\.LocalInvoke source'),
        'handler_start': when(r'com\.fasterxml\.jackson\.core\.json\.ByteSourceJsonBootstrapper source'),
        'event_read': when(r'io\.dynamocdc\.lambda\.FirehoseEvent source'),
        'processed': when(r'io\.dynamocdc\.lambda\.FirehoseBatchProcessor\$Outcome source'),
        'answered': when(r'io\.dynamocdc\.lambda\.BridgeLog\$InvocationSummary source'),
        'last_class': end,
    }
    return {'classes': len(lines), 'sources': sources, 'marks_ms': marks}

timelines = {name: timeline(name, command) for name, command, _, answers in variants
             if answers and name.startswith('java')}

def summary(values):
    return {'median': statistics.median(values), 'min': min(values), 'max': max(values), 'runs': len(values)} if values else None

result = {
    'records': records, 'event_bytes': os.path.getsize(event), 'java_flags': java_flags,
    'appcds': {'archive_bytes': archive_bytes, 'training_seconds': train_seconds},
    'wall_ms': {name: summary(v) for name, v in times.items()},
    'handler_ms': {name: summary(v) for name, v in handler.items() if v},
    'timelines': timelines,
}
json.dump(result, open(out_file, 'w'), indent=1)
for name, *_ in variants:
    s = result['wall_ms'][name]
    h = result['handler_ms'].get(name)
    print('  %-20s median %7.1f ms  min %7.1f ms%s' % (name, s['median'], s['min'],
          '  (handler %.1f ms median, from its log line)' % h['median'] if h else ''))
EOF

PYTHONPATH="$repo_root/bench/python" "$python" - "$jmh_results" "$python_warm" "$cold_results" "$warm_event" "$records" "$profile_results" "$profile" <<'EOF' | tee "$summary_file"
import json, os, platform, re, sys
from machine import cpu, java_version

jmh_file, python_file, cold_file, warm_event, records, profile_file, profile = sys.argv[1:]
records = int(records)
scores = {}
results = json.load(open(jmh_file))
breakdown_file = os.path.join(os.path.dirname(jmh_file), 'jmh-lambda-breakdown.json')
if os.path.exists(breakdown_file):
    results += json.load(open(breakdown_file))
for r in results:
    name = r['benchmark'].rsplit('.', 1)[-1]
    m = r['primaryMetric']
    try:
        error = float(m['scoreError'])  # "NaN" (a string) when there is a single iteration
    except (TypeError, ValueError):
        error = float('nan')
    scores[name] = (float(m['score']), error)
python_text = open(python_file).read()
python_rates = [float(x) for x in re.findall(r'records_per_s=([0-9.]+)', python_text)]
python_rate = sum(python_rates) / len(python_rates)
python_steps = re.findall(r"step='([^']+)' us_per_record=([0-9.]+)", python_text)
cold = json.load(open(cold_file))

java = java_version()
print()
print('== Lambda bridge: warm batch and cold start ==')
print('machine: %s; Linux %s; %s (%s); python %s'
      % (cpu(), platform.release(), java[0] if java else 'java ?', java[2].strip() if len(java) > 2 else '',
         platform.python_version()))
size = os.path.getsize(warm_event)
print('warm event: %s, %d records, %d bytes (%.2f MB, %.2f MiB)'
      % (os.path.basename(warm_event), records, size, size / 1e6, size / 1048576))
print()
print('-- warm: one invocation = the whole event, event bytes to response bytes, one thread --')
if 'handler' in scores:
    java_rate, error = scores['handler']
    print('java-handler records_per_s=%.0f ± %.0f  (events_per_s=%.2f, %.2f µs/record)'
          % (java_rate, error, java_rate / 5000, 1e6 / java_rate))
    print('python-seed records_per_s=%.0f  (events_per_s=%.2f, %.2f µs/record; mean of the runs before and after: %s)'
          % (python_rate, python_rate / records, 1e6 / python_rate, ', '.join('%.0f' % r for r in python_rates)))
    ratio = java_rate / python_rate
    print('ratio java/python=%.1f' % ratio)
    print('target java >= 10x python: %s (%.1fx)' % ('reached' if ratio >= 10 else 'NOT reached', ratio))
stages = [('stageReadEvent', 'event parse (FirehoseEventReader)'),
          ('stageProcess', 'batch (FirehoseBatchProcessor: decode, record to row, keys, sizes)'),
          ('stageWriteResponse', 'response write (FirehoseResponseWriter, with base64)')]
parts = [('partBase64Decode', 'base64 decode (the bridge\'s Base64Codec)'),
         ('partTransformLine', 'record to row line (JsonTransform.transformLine)'),
         ('partBase64Encode', 'base64 encode (the bridge\'s Base64Codec)')]
general = [('partRecordParse', 'JsonTransform.parse'),
           ('partRowWrite', 'JsonTransform.toJsonLine')]
for title, group in (('java, the handler\'s three stages, each alone on the same event (own JVM each, so the sum '
                      'is only close to the handler)', stages),
                     ('java, per-record pieces of those stages, each alone', parts),
                     ('java, for reference: the transform\'s general path (parser + writer), which transformLine '
                      'falls back to', general)):
    if any(p in scores for p, _ in group):
        print(title + ':')
        total = 0.0
        for p, label in group:
            if p in scores:
                us = 1e6 / scores[p][0]
                total += us
                print('  %-66s %6.2f µs/record  (%9.0f records/s)' % (label, us, scores[p][0]))
        print('  %-66s %6.2f µs/record' % ('sum', total))
if python_steps:
    print('python, each step alone (µs/record):')
    for name, us in python_steps:
        print('  %-66s %6.2f µs/record' % (name, float(us)))
    print('  %-66s %6.2f µs/record' % ('sum', sum(float(us) for _, us in python_steps)))
    whole = re.search(r'whole_invocation_us_per_record=([0-9.]+)', python_text)
    if whole:
        print('  %-66s %6.2f µs/record' % ('(one whole invocation, timed right after)', float(whole.group(1))))
if profile == '1' and os.path.exists(profile_file):
    print('java handler, JFR attribution:')
    for line in open(profile_file):
        print('  ' + line.rstrip())
print()
print('-- cold: a fresh process answering a %d-record event (%d bytes); %d runs each --'
      % (cold['records'], cold['event_bytes'], cold['wall_ms']['java']['runs']))
print('java flags: %s' % cold['java_flags'])
for name, s in cold['wall_ms'].items():
    h = cold['handler_ms'].get(name)
    print('  %-20s median %7.1f ms  min %7.1f ms%s' % (name, s['median'], s['min'],
          ('   handler (its DurationMs) median %.1f ms' % h['median']) if h else ''))
w = cold['wall_ms']
py = w['python3']['median']
for name in ('java', 'java+appcds'):
    r = w[name]['median'] / py
    print('ratio %s/python3 (median)=%.2f -> target within 4x: %s' % (name, r, 'reached' if r <= 4 else 'NOT reached'))
saved = w['java']['median'] - w['java+appcds']['median']
print('AppCDS buys %.1f ms of the median (%.0f %%); archive %d bytes, made by one training run (-XX:ArchiveClassesAtExit)'
      % (saved, 100 * saved / w['java']['median'], cold['appcds']['archive_bytes']))
print('start-up floors: JVM to main %.1f ms (with AppCDS %.1f ms); python3 to the seed\'s imports %.1f ms'
      % (w['java-to-main']['median'], w['java+appcds-to-main']['median'], w['python3-to-imports']['median']))
for name, t in cold['timelines'].items():
    m = t['marks_ms']
    def span(a, b):
        return '%.0f' % (m[b] - m[a]) if m.get(a) is not None and m.get(b) is not None else '?'
    print('%s, one run with -Xlog:class+load (uptime ms; the log slows it a little): %d classes loaded %s'
          % (name, t['classes'], json.dumps(t['sources'], sort_keys=True)))
    print('  JVM created %s | to main %s | main: read event, config, Jackson %s | handler: event parse %s, '
          'batch %s, response + log %s | to last class %s'
          % ('%.0f' % m['create_vm'] if m['create_vm'] else '?', '%.0f' % m['main'] if m['main'] else '?',
             span('main', 'handler_start'), span('handler_start', 'event_read'), span('event_read', 'processed'),
             span('processed', 'answered'), '%.0f' % m['last_class']))
print('SnapStart priming (CRaC, SnapStartPriming): not measurable here: this JDK has no CRaC support.')
EOF
echo ">> summary written to $summary_file"
