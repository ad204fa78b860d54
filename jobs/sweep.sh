#!/usr/bin/env bash
# The sweep job on a cluster: spark-submit with the application jar and conf/spark-defaults.conf.
#   jobs/sweep.sh [--master URL] [spark-submit options ...] -- [sweep options ...]
# e.g.
#   jobs/sweep.sh --master spark://host:7077 --executor-memory 4g -- \
#       --config conf/sweep-example.conf --set output.path=hdfs:///user/me/sweep
# Without "--", all arguments go to the sweep command. Needs SPARK_HOME (or spark-submit on
# the PATH) and the jar built by `mvn -B -DskipTests package`. Data and output paths must be
# visible to the executors (hdfs://, s3a://, or a shared file system).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"

jar=""
for f in "$root"/target/iterdiff-*.jar; do
  case "$f" in *-sources.jar|*-javadoc.jar|*-tests.jar|*original-*) ;; *) [[ -f "$f" ]] && jar="$f" ;; esac
done
if [[ -z "$jar" ]]; then
  echo "jobs/sweep.sh: no target/iterdiff-*.jar; run: mvn -B -DskipTests package" >&2
  exit 1
fi

spark_args=()
if [[ " $* " == *" -- "* ]]; then
  while [[ $# -gt 0 && "$1" != "--" ]]; do spark_args+=("$1"); shift; done
  shift
fi

exec "$submit" \
  --class dev.iterdiff.cli.IterdiffCommand \
  --name iterdiff-sweep \
  --properties-file "$root/conf/spark-defaults.conf" \
  --driver-java-options "-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
  ${spark_args[@]+"${spark_args[@]}"} \
  "$jar" sweep "$@"
