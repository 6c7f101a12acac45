#!/usr/bin/env bash
# Fresh machine to trained model: Fashion-MNIST, build, the gmloss command on the PATH
# (tools/install.sh), then the default training run. Extra arguments go to `gmloss train`
# (e.g. --epochs 30); without --run-dir or --resume the run goes to runs/fashion-mnist-default.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install.sh
args=("$@")
case " $* " in
  *" --run-dir "*|*" --run-dir="*|*" --resume "*|*" --resume="*) ;;
  *) args+=(--run-dir runs/fashion-mnist-default) ;;
esac
echo "gmloss train ${args[*]}"
echo "(the default model, ResNet-20 for 6 epochs of Fashion-MNIST, takes about 20 to 30 minutes"
echo "on 2 CPU cores; the run's log, metrics, checkpoints and model go to its --run-dir)"
status=0
target/bin/gmloss train "${args[@]}" || status=$?
# The PATH advice of the install, which the training has long scrolled away, once more.
bin_dir="${GMLOSS_BIN_DIR:-$HOME/.local/bin}"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "gmloss is $bin_dir/gmloss; to type gmloss, add $bin_dir to your PATH:"
     echo "  export PATH=\"$bin_dir:\$PATH\"" ;;
esac
exit "$status"
