#!/usr/bin/env bash
# Regenerates every file in data-samples/ (see README.md beside this script).
# Needs: Java 17, Maven, apt-get and dpkg-deb (Debian/Ubuntu); network access to Debian's archive.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests -pl core compile
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
46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a  digits.csv.gz
SUMS

run() { java -cp core/target/classes dev.iterdiff.data.SampleFiles "$@"; }
run breast-cancer "$src/breast_cancer.csv" data-samples/breast-cancer.libsvm
run diabetes "$src/diabetes_data_raw.csv.gz" "$src/diabetes_target.csv.gz" data-samples/diabetes.libsvm
run digits "$src/digits.csv.gz" data-samples/digits.libsvm

# (b) synthetic ridge data, 200 x 20, condition number of A^T A / N = 100 and 1000
run synthetic-ridge 200 20 100 0.1 1 data-samples/synthetic-ridge-k100.libsvm
run synthetic-ridge 200 20 1000 0.1 1 data-samples/synthetic-ridge-k1000.libsvm

# (c) a class-balanced Fashion-MNIST subset, from Debian's dataset-fashion-mnist (not installed):
#     300 images per class of the training set (seed 1), 100 per class of the test set (seed 2)
(cd "$work" && apt-get download dataset-fashion-mnist >/dev/null 2>&1 || (cd "$work" && apt-get download dataset-fashion-mnist))
dpkg-deb -x "$work"/dataset-fashion-mnist_*.deb "$work/fm"
fm="$work/fm/usr/share/datasets/fashion-mnist"
(cd "$fm" && sha256sum -c --quiet) <<'SUMS'
b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz
SUMS
subset() { java -cp core/target/classes dev.iterdiff.data.IdxSubset "$@"; }
out=data-samples/fashion-mnist
subset "$fm/train-images-idx3-ubyte.gz" "$fm/train-labels-idx1-ubyte.gz" 300 1 \
    "$out/train-images-idx3-ubyte.gz" "$out/train-labels-idx1-ubyte.gz"
subset "$fm/t10k-images-idx3-ubyte.gz" "$fm/t10k-labels-idx1-ubyte.gz" 100 2 \
    "$out/t10k-images-idx3-ubyte.gz" "$out/t10k-labels-idx1-ubyte.gz"

wc -l data-samples/*.libsvm
ls -l "$out"
