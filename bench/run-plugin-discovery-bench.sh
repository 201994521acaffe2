#!/usr/bin/env bash
# How long a distributed Connect worker takes to start with the dynamo-cdc plugin on its plugin.path,
# with plugin.discovery=service_load (what the README asks for) and with Kafka's default hybrid_warn,
# side by side in one run: a KRaft broker and the workers run from kafka-dist's copy of Kafka's jars,
# in their own JVMs, as users run them. A start is timed from launch to GET /health answering 200.
# See bench/README.md.
#
# usage: bench/run-plugin-discovery-bench.sh [runs per mode, default 3]
# environment: MAVEN_ARGS="-o" extra arguments for mvn (e.g. offline)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
kafka="kafka-dist/target/kafka"
zip=$(ls connector/target/dynamo-cdc-connector-*.zip 2>/dev/null | head -1 || true)
if [[ -z "$zip" || ! -d "$kafka/libs" ]]; then
    echo ">> building the plugin archive and kafka-dist"
    # shellcheck disable=SC2086
    mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl connector,kafka-dist -am package
    zip=$(ls connector/target/dynamo-cdc-connector-*.zip | head -1)
fi

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work/plugins"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
java_cmd=(java -Xmx384m -XX:+UseSerialGC "-Dlog4j2.configurationFile=$kafka/config/log4j2.properties" -cp "$kafka/libs/*")

broker_port=$(free_port)
controller_port=$(free_port)
cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
"${java_cmd[@]}" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
    -c "$work/server.properties" >"$work/format.log" 2>&1
"${java_cmd[@]}" kafka.Kafka "$work/server.properties" >"$work/broker.log" 2>&1 &
for _ in $(seq 1 600); do
    (echo >/dev/tcp/127.0.0.1/"$broker_port") 2>/dev/null && break
    sleep 0.1
done

start_worker() { # mode run → seconds to a healthy REST API
    local mode=$1 run=$2 port
    port=$(free_port)
    cat > "$work/worker-$mode-$run.properties" <<PROPS
bootstrap.servers=127.0.0.1:$broker_port
group.id=bench-$mode-$run
listeners=http://127.0.0.1:$port
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
config.storage.topic=bench-$mode-$run-configs
offset.storage.topic=bench-$mode-$run-offsets
status.storage.topic=bench-$mode-$run-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
plugin.path=$work/plugins
plugin.discovery=$mode
PROPS
    local started
    started=$(date +%s.%N)
    "${java_cmd[@]}" org.apache.kafka.connect.cli.ConnectDistributed "$work/worker-$mode-$run.properties" \
        >"$work/worker-$mode-$run.log" 2>&1 &
    local pid=$!
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { echo "worker ($mode) died:" >&2; tail -20 "$work/worker-$mode-$run.log" >&2; exit 1; }
        sleep 0.05
    done
    local ready cpu
    ready=$(date +%s.%N)
    cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat" 2>/dev/null || echo "?")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%s run %d: ready after %.1f s, %s s of CPU\n' "$mode" "$run" "$(echo "$ready - $started" | bc)" "$cpu"
}

echo ">> machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
    start_worker service_load "$run"
    start_worker hybrid_warn "$run"
done
