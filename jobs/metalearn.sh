#!/usr/bin/env bash
# The metalearn job on a cluster (jobs/submit.sh with COMMAND = metalearn):
#   jobs/metalearn.sh [--master URL] [spark-submit options ...] -- [metalearn options ...]
# e.g.
#   jobs/metalearn.sh --master spark://host:7077 -- --config conf/metalearn-example.conf \
#       --output hdfs:///user/me/metalearn [--resume]
# or on the loopback cluster (jobs/local-cluster.sh start; export SPARK_HOME=... it prints):
#   jobs/metalearn.sh --master spark://127.0.0.1:7077 -- --config conf/metalearn-example.conf \
#       --output target/metalearn-cluster
# Needs SPARK_HOME (or spark-submit on the PATH) and target/iterdiff-*.jar
# (mvn -B -DskipTests package). Metalearn options: bin/iterdiff metalearn --help.
set -euo pipefail
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/submit.sh" metalearn "$@"
