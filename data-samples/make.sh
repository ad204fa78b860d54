#!/usr/bin/env bash
# Regenerates every file in data-samples/ (see README.md beside this script).
# Needs: Java 17, Maven, apt-get and dpkg-deb (Debian/Ubuntu); network access to Debian's archive.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests compile
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"   # apt-get download drops privileges to _apt when it can write there

# (a) scikit-learn's bundled data sets, from Debian's python3-sklearn package (not installed)
(cd "$work" && apt-get download python3-sklearn >/dev/null 2>&1 || (cd "$work" && apt-get download python3-sklearn))
dpkg-deb -x "$work"/python3-sklearn_*.deb "$work/deb"
src="$work/deb/usr/lib/python3/dist-packages/sklearn/datasets/data"
# The inputs the committed files were made from (python3-sklearn 1.2.1+dfsg-1, Debian 12)
(cd "$src" && sha256sum -c --quiet) <<'SUMS'
fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed  breast_cancer.csv
fc08fc59c1cbfe65550d9ebb36321d505de9e8f004bf92c1566d2908962f08ff  diabetes_data_raw.csv.gz
bf1ddd1f9d377278450a5f02c24b5e77b1501f2ad673fe9fdf4c4090d27eb5cc  diabetes_target.csv.gz
SUMS

run() { java -cp target/classes dev.iterdiff.data.SampleFiles "$@"; }
run breast-cancer "$src/breast_cancer.csv" data-samples/breast-cancer.libsvm
run diabetes "$src/diabetes_data_raw.csv.gz" "$src/diabetes_target.csv.gz" data-samples/diabetes.libsvm

# (b) synthetic ridge data, 200 x 20, condition number of A^T A / N = 100 and 1000
run synthetic-ridge 200 20 100 0.1 1 data-samples/synthetic-ridge-k100.libsvm
run synthetic-ridge 200 20 1000 0.1 1 data-samples/synthetic-ridge-k1000.libsvm

wc -l data-samples/*.libsvm
