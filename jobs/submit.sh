#!/usr/bin/env bash
# Submits an iterdiff command to a Spark cluster: spark-submit with the application jar
# (target/iterdiff-*.jar: our classes and libraries, Spark excluded), conf/spark-defaults.conf
# and, for the driver, conf/log4j2.properties and -Xss4m.
#   jobs/submit.sh COMMAND [spark-submit options ...] -- [COMMAND options ...]
# jobs/sweep.sh and jobs/hyperopt.sh are this script with COMMAND = sweep / hyperopt. Without
# "--", all arguments go to the command.
# spark-submit is $SPARK_HOME/bin/spark-submit when SPARK_HOME is set (a Spark 4.1.0, Scala
# 2.13 distribution, or the loopback one of jobs/local-cluster.sh), else the one on the PATH.
# Paths: the jobs read their data (and instance files) on the driver and broadcast them, so
# input paths are resolved where you submit from; the executors write the output, so a
# relative output path is made absolute on the driver (file:/...). On a multi-host cluster
# give an output every executor can reach: hdfs://, s3a:// or a shared file system.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

die() {
  echo "jobs/submit.sh: $*" >&2
  exit 1
}

[[ $# -ge 1 ]] || die "usage: jobs/submit.sh COMMAND [spark-submit options] -- [COMMAND options]"
command="$1"
shift

if [[ -n "${SPARK_HOME:-}" ]]; then
  submit="$SPARK_HOME/bin/spark-submit"
  [[ -x "$submit" ]] || die "$submit is not executable: SPARK_HOME must be a Spark 4.1.0" \
    "distribution (or run jobs/local-cluster.sh start and use the SPARK_HOME it prints)"
elif command -v spark-submit > /dev/null; then
  submit=spark-submit
else
  die "no spark-submit: set SPARK_HOME to a Spark 4.1.0 distribution, or try the loopback" \
    "cluster: jobs/local-cluster.sh start"
fi

# the application jar, as bin/iterdiff finds it (the shade plugin's original-*.jar excluded)
jar=""
for f in "$root"/target/iterdiff-*.jar; do
  case "$f" in
    *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
    *) [[ -f "$f" ]] && jar="$f" ;;
  esac
done
[[ -n "$jar" ]] || die "no target/iterdiff-*.jar; build first: mvn -B -DskipTests package"
if [[ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit)" ]]; then
  echo "jobs/submit.sh: warning: $jar is older than the sources (mvn -B -DskipTests package)" >&2
fi

spark_args=()
for a in "$@"; do
  if [[ "$a" == "--" ]]; then
    while [[ "$1" != "--" ]]; do
      spark_args+=("$1")
      shift
    done
    shift
    break
  fi
done

exec "$submit" \
  --class dev.iterdiff.cli.IterdiffCommand \
  --name "iterdiff-$command" \
  --properties-file "$root/conf/spark-defaults.conf" \
  --driver-java-options "-Xss4m -XX:+ExitOnOutOfMemoryError -Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
  ${spark_args[@]+"${spark_args[@]}"} \
  "$jar" "$command" "$@"
