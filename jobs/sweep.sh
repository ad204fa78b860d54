#!/usr/bin/env bash
# The sweep job on a cluster (jobs/submit.sh with COMMAND = sweep):
#   jobs/sweep.sh [--master URL] [spark-submit options ...] -- [sweep options ...]
# e.g. on a cluster with HDFS:
#   jobs/sweep.sh --master spark://host:7077 --executor-memory 4g -- \
#       --config conf/sweep-example.conf --set output.path=hdfs:///user/me/sweep
# or on the loopback cluster (jobs/local-cluster.sh start; export SPARK_HOME=... it prints):
#   jobs/sweep.sh --master spark://127.0.0.1:7077 -- \
#       --config conf/sweep-example.conf --output target/sweep-cluster --overwrite
# Needs SPARK_HOME (or spark-submit on the PATH) and target/iterdiff-*.jar
# (mvn -B -DskipTests package). Sweep options: bin/iterdiff sweep --help.
set -euo pipefail
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/submit.sh" sweep "$@"
