#!/usr/bin/env bash
# The distill job on a cluster (jobs/submit.sh with COMMAND = distill):
#   jobs/distill.sh [--master URL] [spark-submit options ...] -- [distill options ...]
# e.g.
#   jobs/distill.sh --master spark://host:7077 -- --config conf/distill-example.conf \
#       --output hdfs:///user/me/distill [--resume]
# The IDX files are read on the driver (local paths); the real training set is then spread over
# distill.partitions partitions. Needs SPARK_HOME (or spark-submit on the PATH) and
# target/iterdiff-*.jar (mvn -B -DskipTests package). Options: bin/iterdiff distill --help.
set -euo pipefail
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/submit.sh" distill "$@"
