#!/usr/bin/env bash
# The hyperopt job on a cluster (jobs/submit.sh with COMMAND = hyperopt):
#   jobs/hyperopt.sh [--master URL] [spark-submit options ...] -- [hyperopt options ...]
# e.g.
#   jobs/hyperopt.sh --master spark://host:7077 -- --config conf/hyperopt-example.conf \
#       --output hdfs:///user/me/hyperopt [--resume]
# or on the loopback cluster (jobs/local-cluster.sh start; export SPARK_HOME=... it prints):
#   jobs/hyperopt.sh --master spark://127.0.0.1:7077 -- --config conf/hyperopt-example.conf \
#       --output target/hyperopt-cluster
# Needs SPARK_HOME (or spark-submit on the PATH) and target/iterdiff-*.jar
# (mvn -B -DskipTests package). Hyperopt options: bin/iterdiff hyperopt --help.
set -euo pipefail
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/submit.sh" hyperopt "$@"
