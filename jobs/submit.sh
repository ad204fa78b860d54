#!/usr/bin/env bash
# Submits an iterdiff command to a Spark cluster: spark-submit with the application jar
# (target/iterdiff-*.jar: our classes and libraries, Spark excluded).
#   jobs/submit.sh COMMAND [spark-submit options ...] -- [COMMAND options ...]
# jobs/sweep.sh and jobs/hyperopt.sh are this script with COMMAND = sweep / hyperopt. Without
# "--", all arguments go to the command.
# Settings merge as spark-submit users expect, lowest precedence first: the cluster's own
# spark-defaults.conf ($SPARK_CONF_DIR, else $SPARK_HOME/conf; --load-spark-defaults), the
# repository's conf/spark-defaults.conf (--properties-file), then your --conf options. The
# driver's and executors' extraJavaOptions are not replaced but joined: the cluster's, the
# repository's (-Xss4m), the log4j2 configuration (driver), then yours (--driver-java-options
# or --conf spark.{driver,executor}.extraJavaOptions=...). conf/log4j2.properties is named by
# its local path in client deploy mode; in cluster deploy mode it is shipped with --files
# (joined to yours) and named relative to the driver's working directory (YARN localizes it
# there; elsewhere Spark's default logging applies). Event logging: set spark.eventLog.enabled
# and spark.eventLog.dir in the cluster's spark-defaults.conf (kept) or with --conf.
# spark-submit is $SPARK_HOME/bin/spark-submit when SPARK_HOME is set (a Spark 4.1.0, Scala
# 2.13 distribution, or the loopback one of jobs/local-cluster.sh), else the one on the PATH.
# Paths: the jobs read their data (and instance files) on the driver and broadcast them, so
# input paths are resolved where the driver runs (where you submit from in client mode; give
# absolute or hdfs:// paths in cluster mode); the executors write the output, so a relative
# output path is made absolute on the driver (file:/...). On a multi-host cluster give an
# output every executor can reach: hdfs://, s3a:// or a shared file system.
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

# the value of key $2 in properties file $1 ("key value" or "key=value"; last one wins)
property() {
  [[ -f "$1" ]] || return 0
  local line key value found=""
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    key="${line%%[[:space:]=]*}"
    [[ "$key" == "$2" ]] || continue
    value="${line:${#key}}"
    value="${value#"${value%%[![:space:]]*}"}"
    [[ "$value" == =* ]] && value="${value#=}" && value="${value#"${value%%[![:space:]]*}"}"
    found="${value%"${value##*[![:space:]]}"}"
  done < "$1"
  printf '%s' "$found"
}

# pull out what we merge from the user's spark-submit options; keep the rest as given
deploy_mode=client
user_driver_opts=""
user_executor_opts=""
user_files=""
rest=()
set -- ${spark_args[@]+"${spark_args[@]}"} -- "$@"
while [[ "$1" != "--" ]]; do
  case "$1" in
    --deploy-mode) deploy_mode="$2"; rest+=("$1" "$2"); shift ;;
    --deploy-mode=*) deploy_mode="${1#*=}"; rest+=("$1") ;;
    --driver-java-options) user_driver_opts="$user_driver_opts $2"; shift ;;
    --driver-java-options=*) user_driver_opts="$user_driver_opts ${1#*=}" ;;
    --files) user_files="$2"; shift ;;
    --files=*) user_files="${1#*=}" ;;
    --conf | -c)
      case "$2" in
        spark.driver.extraJavaOptions=*) user_driver_opts="$user_driver_opts ${2#*=}" ;;
        spark.executor.extraJavaOptions=*) user_executor_opts="$user_executor_opts ${2#*=}" ;;
        spark.submit.deployMode=*) deploy_mode="${2#*=}"; rest+=("$1" "$2") ;;
        spark.files=*) user_files="${2#*=}" ;;
        *) rest+=("$1" "$2") ;;
      esac
      shift ;;
    *) rest+=("$1") ;;
  esac
  shift
done
shift

cluster_conf="${SPARK_CONF_DIR:-${SPARK_HOME:+$SPARK_HOME/conf}}/spark-defaults.conf"
ours="$root/conf/spark-defaults.conf"
log4j="$root/conf/log4j2.properties"
files="$user_files"
if [[ "$deploy_mode" == cluster ]]; then
  files="${files:+$files,}$log4j"
  log4j_opt="-Dlog4j2.configurationFile=log4j2.properties"
else
  log4j_opt="-Dlog4j2.configurationFile=file:$log4j"
fi
join() {
  local out="" part
  for part in "$@"; do
    part="${part#"${part%%[![:space:]]*}"}"
    [[ -n "$part" ]] && out="${out:+$out }$part"
  done
  printf '%s' "$out"
}
driver_opts="$(join "$(property "$cluster_conf" spark.driver.extraJavaOptions)" \
  "$(property "$ours" spark.driver.extraJavaOptions)" "$log4j_opt" "$user_driver_opts")"
executor_opts="$(join "$(property "$cluster_conf" spark.executor.extraJavaOptions)" \
  "$(property "$ours" spark.executor.extraJavaOptions)" "$user_executor_opts")"

exec "$submit" \
  --class dev.iterdiff.cli.IterdiffCommand \
  --name "iterdiff-$command" \
  --load-spark-defaults \
  --properties-file "$ours" \
  --conf "spark.driver.extraJavaOptions=$driver_opts" \
  ${executor_opts:+--conf "spark.executor.extraJavaOptions=$executor_opts"} \
  ${files:+--files "$files"} \
  ${rest[@]+"${rest[@]}"} \
  "$jar" "$command" "$@"
