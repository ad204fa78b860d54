#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 (1 master + 1 worker) made from the Maven jars,
# no Spark distribution: for trying jobs/sweep.sh and jobs/hyperopt.sh, and for the
# fault-tolerance test (ExecutorLossIT, run by `mvn verify`).
#   jobs/local-cluster.sh start     # prints: export SPARK_HOME=... and the master URL
#   jobs/local-cluster.sh status    # master URL, worker, applications, executor JVMs
#   jobs/local-cluster.sh stop
# Needs target/classpath.txt and target/iterdiff-*.jar (mvn -B -DskipTests package).
# It makes a SPARK_HOME under the cluster directory whose jars/ are symlinks to the Spark jars
# of target/classpath.txt, and whose bin/spark-submit runs Spark's own launcher
# (org.apache.spark.launcher.Main, what a distribution's bin/spark-class runs), so driver
# options, driver memory and Java 17 module options are applied as by a distribution.
# Environment (defaults): LOCAL_CLUSTER_DIR (target/local-cluster), LOCAL_CLUSTER_PORT (7077),
# LOCAL_CLUSTER_WEBUI_PORT (8080), LOCAL_CLUSTER_WORKER_WEBUI_PORT (8081),
# LOCAL_CLUSTER_CORES (2), LOCAL_CLUSTER_MEMORY (4g), LOCAL_CLUSTER_TIMEOUT (60, seconds),
# JAVA_HOME. Logs: $LOCAL_CLUSTER_DIR/logs (master, worker), $LOCAL_CLUSTER_DIR/work/app-*/N
# (each executor's stdout and stderr).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${LOCAL_CLUSTER_DIR:-$root/target/local-cluster}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
home="$dir/spark-home"
port="${LOCAL_CLUSTER_PORT:-7077}"
webui="${LOCAL_CLUSTER_WEBUI_PORT:-8080}"
worker_webui="${LOCAL_CLUSTER_WORKER_WEBUI_PORT:-8081}"
cores="${LOCAL_CLUSTER_CORES:-2}"
memory="${LOCAL_CLUSTER_MEMORY:-4g}"
timeout="${LOCAL_CLUSTER_TIMEOUT:-60}"
master_url="spark://127.0.0.1:$port"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
master_class=org.apache.spark.deploy.master.Master
worker_class=org.apache.spark.deploy.worker.Worker
executor_class=org.apache.spark.executor.CoarseGrainedExecutorBackend

# Spark's module options for Java 17 (spark-launcher JavaModuleOptions; the same list as
# bin/iterdiff and pom.xml java17.flags), for the master and worker JVMs. The driver and the
# executors get them from Spark's launcher.
java17_flags=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)

die() {
  echo "jobs/local-cluster.sh: $*" >&2
  exit 1
}

# pids of this cluster's JVMs running class $1: their command line names our jars directory
pids_of() {
  local p args line
  for p in /proc/[0-9]*; do
    args=()
    mapfile -d '' args 2> /dev/null < "$p/cmdline" || continue  # it may have exited
    line="${args[*]:-}"
    if [[ "$line" == *"$home/jars/"* && "$line" == *" $1 "* ]]; then
      echo "${p#/proc/}"
    fi
  done
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# GET http://127.0.0.1:$1$2 with bash alone (no curl on a bare machine); prints the body
http_get() {
  local fd
  exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&"$fd"
  timeout 5 cat <&"$fd" | tr -d '\r' | sed '1,/^$/d'
  exec {fd}>&-
}

# the master's state as JSON (workers, cores, applications)
master_json() {
  http_get "$webui" /json/ 2>/dev/null || true
}

json_number() {
  sed -n "s/.*\"$1\" *: *\([0-9][0-9]*\).*/\1/p" | head -1
}

show_log() {
  echo "--- last lines of $1:" >&2
  tail -n 30 "$1" >&2 || true
}

# whether process $1 exists and has not exited (a child that exited stays a zombie until we
# reap it, and kill -0 still reaches a zombie)
running() {
  local state
  state="$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# wait until "$2" succeeds, the JVM of class $1 (started as pid $daemon_pid) being alive; $3
# describes what we wait for. Alive: the started pid exists, or a JVM of the class does (until
# the fork execs java, /proc/<pid>/cmdline still shows this script, so pids_of alone would
# report a JVM that is only starting as gone)
wait_for() {
  local class="$1" check="$2" what="$3" log="$4" deadline=$((SECONDS + timeout))
  while ! eval "$check"; do
    if ! running "$daemon_pid" && [[ -z "$(pids_of "$class")" ]]; then
      show_log "$log"
      die "$what: the JVM exited (log: $log)"
    fi
    if ((SECONDS >= deadline)); then
      show_log "$log"
      die "$what: not after ${timeout} s (LOCAL_CLUSTER_TIMEOUT; log: $log)"
    fi
    sleep 0.5
  done
}

make_spark_home() {
  local cp="$root/target/classpath.txt" jar n=0
  [[ -f "$cp" ]] || die "no $cp; build first: mvn -B -DskipTests package"
  rm -rf "$home/jars"
  mkdir -p "$home/jars" "$home/bin" "$home/conf"
  { tr ':' '\n' < "$cp"; echo; } > "$dir/classpath.lst"  # the file has no final newline
  while IFS= read -r jar; do
    [[ -n "$jar" ]] || continue
    case "$jar" in
      # the application's own libraries: the shaded application jar carries them, as it must
      # on a real cluster (pom.xml compile scope, minus netlib which Spark ships)
      */org/hipparchus/*|*/info/picocli/*|*/com/typesafe/config/*|*/org/bytedeco/*) continue ;;
    esac
    [[ -f "$jar" ]] || die "$jar (listed in $cp) is missing; rebuild: mvn -B -DskipTests package"
    ln -s "$jar" "$home/jars/$(basename "$jar")"
    n=$((n + 1))
  done < "$dir/classpath.lst"
  ls "$home/jars"/spark-core_2.13-*.jar > /dev/null 2>&1 \
    || die "$cp has no spark-core jar (the provided Spark jars must be listed; see pom.xml)"
  cat > "$home/bin/spark-submit" <<'SHIM'
#!/usr/bin/env bash
# spark-submit of the loopback SPARK_HOME (jobs/local-cluster.sh): Spark's launcher builds the
# driver command as a distribution's bin/spark-class does (NUL-separated words after a NUL and
# a newline), then this script runs it.
set -euo pipefail
SPARK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_HOME
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
words=()
while IFS= read -r -d '' word; do
  words+=("$word")
done < <("$java" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \
    org.apache.spark.deploy.SparkSubmit "$@" && status=0 || status=$?; printf '%d\0' "$status")
n=${#words[@]}
status="${words[n-1]:-1}"
if [[ "$status" != 0 || $n -lt 3 ]]; then
  ((n > 1)) && printf '%s\n' "${words[@]:0:n-1}" >&2
  echo "spark-submit: Spark's launcher failed (status $status)" >&2
  [[ "$status" =~ ^[1-9][0-9]*$ ]] && exit "$status"
  exit 1
fi
[[ -n "${words[0]}" ]] && printf '%s\n' "${words[0]}" >&2
cmd=("${words[@]:1:n-2}")
cmd[0]="${cmd[0]#$'\n'}"
exec "${cmd[@]}"
SHIM
  chmod +x "$home/bin/spark-submit"
  echo "SPARK_HOME $home: $n jars linked from $cp"
}

start_daemon() {
  local name="$1"
  shift
  local starter=()
  command -v setsid > /dev/null && starter=(setsid)
  # its own session: a closing terminal does not take the cluster with it
  "${starter[@]}" "$java" -Xmx512m -Xss4m "${java17_flags[@]}" \
    -Djava.io.tmpdir="$dir/tmp" -cp "$home/jars/*" "$@" \
    < /dev/null > "$dir/logs/$name.log" 2>&1 &
  daemon_pid=$!
}

print_env() {
  echo "export SPARK_HOME=$home"
  echo "# master: $master_url   web UI: http://127.0.0.1:$webui"
  echo "# e.g. jobs/sweep.sh --master $master_url -- --config conf/sweep-example.conf \\"
  echo "#        --set output.path=target/sweep-cluster"
}

start() {
  [[ -n "$(ls "$root"/target/iterdiff-*.jar 2> /dev/null)" ]] \
    || die "no target/iterdiff-*.jar; build first: mvn -B -DskipTests package"
  if [[ -n "$(pids_of "$master_class")$(pids_of "$worker_class")" ]]; then
    echo "already running (jobs/local-cluster.sh stop to stop it)"
    status || true
    print_env
    return 0
  fi
  local p
  for p in "$port" "$webui" "$worker_webui"; do
    ! port_open "$p" || die "port $p on 127.0.0.1 is in use (another Spark?); choose other" \
      "ports with LOCAL_CLUSTER_PORT, LOCAL_CLUSTER_WEBUI_PORT, LOCAL_CLUSTER_WORKER_WEBUI_PORT"
  done
  make_spark_home
  mkdir -p "$dir/logs" "$dir/work" "$dir/local" "$dir/tmp" "$dir/pids"
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
  export SPARK_LOCAL_DIRS="$dir/local" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  # a failure from here on stops what was started
  trap 'echo "jobs/local-cluster.sh: start failed; stopping what was started" >&2; stop >&2' EXIT
  start_daemon master "$master_class" --host 127.0.0.1 --port "$port" --webui-port "$webui"
  wait_for "$master_class" "port_open $port && port_open $webui" "master on port $port" \
    "$dir/logs/master.log"
  pids_of "$master_class" > "$dir/pids/master.pid"
  start_daemon worker "$worker_class" --host 127.0.0.1 --cores "$cores" --memory "$memory" \
    --work-dir "$dir/work" --webui-port "$worker_webui" "$master_url"
  wait_for "$worker_class" '[[ "$(master_json | json_number aliveworkers)" -ge 1 ]]' \
    "worker registration with $master_url" "$dir/logs/worker.log"
  pids_of "$worker_class" > "$dir/pids/worker.pid"
  trap - EXIT
  echo "started: master pid $(cat "$dir/pids/master.pid"), worker pid" \
    "$(cat "$dir/pids/worker.pid") ($cores cores, $memory); logs in $dir/logs"
  print_env
}

status() {
  local master worker json
  master="$(pids_of "$master_class" | tr '\n' ' ')"
  worker="$(pids_of "$worker_class" | tr '\n' ' ')"
  echo "cluster directory: $dir"
  echo "SPARK_HOME: $home"
  if [[ -z "$master" ]]; then
    echo "master: not running"
  else
    echo "master: $master_url (pid ${master% }), web UI http://127.0.0.1:$webui"
  fi
  if [[ -z "$worker" ]]; then
    echo "worker: not running"
  else
    echo "worker: pid ${worker% }"
  fi
  json="$(master_json)"
  if [[ -n "$json" ]]; then
    echo "alive workers: $(json_number aliveworkers <<< "$json"), cores used:" \
      "$(json_number coresused <<< "$json")/$(json_number cores <<< "$json")"
    # running applications: the names between "activeapps" and "completedapps"
    sed -n '/"activeapps"/,/"completedapps"/p' <<< "$json" | grep -o '"name" *: *"[^"]*"' \
      | sed 's/"name" *: *"\(.*\)"/running application: \1/' || true
  fi
  local p args
  for p in $(pids_of "$executor_class"); do
    args=()
    mapfile -d '' args 2> /dev/null < "/proc/$p/cmdline" || continue
    echo "executor: pid $p $(printf '%s\n' "${args[@]}" \
      | grep -A1 -e '^--executor-id$' -e '^--app-id$' | grep -v '^--' | tr '\n' ' ')"
  done
  [[ -n "$master" ]]
}

stop() {
  local pids p deadline=$((SECONDS + 20))
  # the worker first: it stops its executors; then the master
  pids="$(pids_of "$worker_class") $(pids_of "$master_class")"
  if [[ -z "${pids// /}" ]]; then
    echo "not running"
  else
    for p in $pids; do kill -TERM "$p" 2> /dev/null || true; done
    while ((SECONDS < deadline)) && [[ -n "$(pids_of "$worker_class")$(pids_of "$master_class")" ]]; do
      sleep 0.5
    done
  fi
  # whatever is left of this cluster (worker, master, orphaned executors): by pid
  for p in $(pids_of "$worker_class") $(pids_of "$master_class") $(pids_of "$executor_class"); do
    echo "killing $p (did not stop in time)"
    kill -KILL "$p" 2> /dev/null || true
  done
  rm -f "$dir/pids/master.pid" "$dir/pids/worker.pid"
  [[ -z "${pids// /}" ]] || echo "stopped (logs kept in $dir/logs)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: jobs/local-cluster.sh start|stop|status" >&2
    exit 2
    ;;
esac
