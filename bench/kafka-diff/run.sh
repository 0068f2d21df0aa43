#!/usr/bin/env bash
# Differential check of our assignors against Apache Kafka's (see diff.ts). Needs a JDK and
# Maven; fetches kafka-clients 3.9.0 and kafka-group-coordinator 4.0.0 from Maven Central.
# Usage: bench/kafka-diff/run.sh [sticky|cooperative-sticky|uniform|range]   (env as diff.ts)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="${HOME}/.m2/repository"
get() { mvn -q dependency:get -Dartifact="$1" >/dev/null; }
get org.apache.kafka:kafka-clients:3.9.0
get org.apache.kafka:kafka-group-coordinator:4.0.0
get org.slf4j:slf4j-api:1.7.36
k="$repo/org/apache/kafka"
slf4j="$repo/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar"
client_cp="$k/kafka-clients/3.9.0/kafka-clients-3.9.0.jar:$slf4j"
broker_cp="$k/kafka-group-coordinator/4.0.0/kafka-group-coordinator-4.0.0.jar:$k/kafka-group-coordinator-api/4.0.0/kafka-group-coordinator-api-4.0.0.jar:$k/kafka-clients/4.0.0/kafka-clients-4.0.0.jar:$k/kafka-server-common/4.0.0/kafka-server-common-4.0.0.jar:$slf4j"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
kind="${1:-sticky}"
case "$kind" in
  uniform|range) javac -cp "$broker_cp" -d "$out" "$here/BrokerAssignorsDiff.java"; cp="$out:$broker_cp" ;;
  *) javac -cp "$client_cp" -d "$out" "$here/ClientAssignorsDiff.java"; cp="$out:$client_cp" ;;
esac
KIND="$kind" KAFKA_CLASSPATH="$cp" node --import tsx "$here/diff.ts"
