#!/usr/bin/env bash
# Fresh machine to trained model: Fashion-MNIST, build, default training run.
# Extra arguments go to `gmloss train` (e.g. --epochs 30).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-data.sh
mvn -B -q -DskipTests package
exec java -jar target/gmloss.jar train "$@"
