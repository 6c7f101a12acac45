#!/usr/bin/env bash
# Fresh machine to trained model: Fashion-MNIST, build, the gmloss command on the PATH
# (tools/install.sh), then the default training run. Extra arguments go to `gmloss train`
# (e.g. --epochs 30).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install.sh
exec target/bin/gmloss train "$@"
