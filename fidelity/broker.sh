#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft, combined broker + controller) on 127.0.0.1 only.
#   fidelity/broker.sh start    fetch the jars (Maven), format storage, start, wait until ready
#   fidelity/broker.sh stop     stop the broker this script started (by its PID)
#   fidelity/broker.sh status   print whether it runs and where its log is
# Env: KAFKA_VIZ_CACHE (jar cache, default ~/.cache/kafka-viz), KAFKA_VIZ_PORT (default 39092;
# the controller listens on port+1), KAFKA_VIZ_STATE (data, log, pid; default
# $KAFKA_VIZ_CACHE/broker-<port>). The broker's group settings come from broker-config.json,
# the same file the engine side reads, so both worlds run with the same broker.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${KAFKA_VIZ_CACHE:-$HOME/.cache/kafka-viz}"
PORT="${KAFKA_VIZ_PORT:-39092}"
CONTROLLER_PORT=$((PORT + 1))
STATE="${KAFKA_VIZ_STATE:-$CACHE/broker-$PORT}"
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/kafka/pom.xml")"
LIBS="$CACHE/kafka-$VERSION/libs"
PID_FILE="$STATE/broker.pid"
LOG="$STATE/broker.log"

now_ms() { date +%s%3N; }

fetch_jars() {
  if [ -f "$LIBS/kafka_2.13-$VERSION.jar" ] && [ -f "$LIBS/kafka-clients-$VERSION.jar" ]; then return; fi
  local t0; t0=$(now_ms)
  echo "broker: fetching Kafka $VERSION jars from Maven Central into $LIBS"
  mvn -q -B -f "$HERE/kafka/pom.xml" -Dkafka.libs.dir="$LIBS" package
  echo "broker: jars ready in $(( $(now_ms) - t0 )) ms"
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

write_config() {
  mkdir -p "$STATE"
  local props="$STATE/server.properties"
  cat >"$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$STATE/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
  # Group settings: the same file the engine side reads.
  node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const [k, v] of Object.entries(c)) if (!k.startsWith("$")) console.log(k + "=" + v);
  ' "$HERE/broker-config.json" >>"$props"
  cat >"$STATE/log4j2.properties" <<'LOG4J'
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
LOG4J
}

start() {
  if running; then echo "broker: already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return; fi
  command -v java >/dev/null || { echo "broker: java not found" >&2; exit 1; }
  local t0; t0=$(now_ms)
  fetch_jars
  rm -rf "$STATE/data"
  write_config
  local t1; t1=$(now_ms)
  local cp="$LIBS/*"
  local jvm=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true "-Dlog4j2.configurationFile=$STATE/log4j2.properties")
  local cluster_id
  cluster_id=$(java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$LOG.format")
  java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$STATE/server.properties" >"$LOG.format" 2>&1 \
    || { echo "broker: storage format failed, see $LOG.format" >&2; cat "$LOG.format" >&2; exit 1; }
  : >"$LOG"
  nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$STATE/server.properties" >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  # Ready = the server says so and the port accepts connections.
  local deadline=$(( $(now_ms) + 90000 ))
  until grep -q "Kafka Server started" "$LOG" 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    if ! running; then echo "broker: died while starting; last log lines:" >&2; tail -n 30 "$LOG" >&2; rm -f "$PID_FILE"; exit 1; fi
    if [ "$(now_ms)" -gt "$deadline" ]; then echo "broker: not ready after 90 s; log: $LOG" >&2; stop; exit 1; fi
    sleep 0.2
  done
  local t2; t2=$(now_ms)
  echo "broker: Kafka $VERSION ready on 127.0.0.1:$PORT (pid $(cat "$PID_FILE")) in $((t2 - t1)) ms (format+start), $((t2 - t0)) ms total; log: $LOG"
}

stop() {
  if ! [ -f "$PID_FILE" ]; then echo "broker: not running"; return; fi
  local pid; pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then echo "broker: pid $pid ignored SIGTERM for 10 s; killing"; kill -9 "$pid" || true; fi
  fi
  rm -f "$PID_FILE"
  echo "broker: stopped (pid $pid); log kept at $LOG"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "broker: running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT; log: $LOG"; else echo "broker: not running"; fi ;;
  bootstrap) echo "127.0.0.1:$PORT" ;;
  version) echo "$VERSION" ;;
  *) echo "usage: $0 start|stop|status|bootstrap|version" >&2; exit 2 ;;
esac
