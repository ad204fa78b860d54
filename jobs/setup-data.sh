#!/usr/bin/env bash
# Installs the full data sets the meta-learning and distillation jobs run on, for full runs
# (the tests and CI use the committed subset in data-samples/fashion-mnist/ and need nothing):
#   Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; 60 000 + 10 000 images, 28 x 28, 10 classes),
#   Debian package dataset-fashion-mnist: gzipped IDX files under /usr/share/datasets/fashion-mnist/
#     train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
#     t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
# read by dev.iterdiff.data.IdxReader (same file names as the subset: point a job's data at
# the directory instead of data-samples/fashion-mnist/).
#   jobs/setup-data.sh            install (apt-get; as root, or through sudo) and check
#   jobs/setup-data.sh --check    only check that the files are there and intact
# Needs Debian 12 or later / Ubuntu with the universe component. Exits 1 naming what is missing.
set -euo pipefail
dir=/usr/share/datasets/fashion-mnist

die() {
  echo "jobs/setup-data.sh: $*" >&2
  exit 1
}

if [[ "${1:-}" != "--check" ]]; then
  [[ $# -eq 0 ]] || die "unknown argument '$1' (usage: jobs/setup-data.sh [--check])"
  if [[ ! -d "$dir" ]]; then
    sudo=""
    if [[ "$(id -u)" -ne 0 ]]; then
      command -v sudo >/dev/null || die "not root and no sudo: run 'apt-get install -y dataset-fashion-mnist' as root"
      sudo=sudo
    fi
    command -v apt-get >/dev/null || die "no apt-get: install Debian's dataset-fashion-mnist, or copy the four IDX files of Fashion-MNIST into $dir"
    $sudo apt-get install -y dataset-fashion-mnist || { $sudo apt-get update && $sudo apt-get install -y dataset-fashion-mnist; }
  fi
fi

# The files of dataset-fashion-mnist 0.0~git20200523.55506a9-1 (those of the upstream release)
[[ -d "$dir" ]] || die "$dir is missing (dataset-fashion-mnist not installed)"
(cd "$dir" && sha256sum -c --quiet) <<'SUMS' || die "a file under $dir is missing or differs from the release (sha256 above)"
b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz
SUMS
echo "Fashion-MNIST: $dir"
