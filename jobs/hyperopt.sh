#!/usr/bin/env bash
# Submit the hyperopt job to a cluster with spark-submit (same jar as bin/iterdiff).
#   jobs/hyperopt.sh --master spark://host:7077 -- --config conf/hyperopt-example.conf [--resume]
# Arguments before "--" go to spark-submit, the ones after to `iterdiff hyperopt`.
# SPARK_HOME must point at a Spark 4.1.0 (Scala 2.13) distribution.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1.0 distribution}"
submit_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do submit_args+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
jar="$(ls "$root"/target/iterdiff-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -1)"
[[ -n "$jar" ]] || { echo "jobs/hyperopt.sh: build first: mvn -B -DskipTests package" >&2; exit 1; }
defaults=()
[[ -f "$root/conf/spark-defaults.conf" ]] && defaults=(--properties-file "$root/conf/spark-defaults.conf")
exec "$SPARK_HOME/bin/spark-submit" "${defaults[@]}" \
  --class dev.iterdiff.cli.IterdiffCommand \
  --conf spark.driver.extraJavaOptions="-Djava.awt.headless=true -Xss4m" \
  --conf spark.executor.extraJavaOptions="-Xss4m" \
  "${submit_args[@]}" "$jar" hyperopt "$@"
