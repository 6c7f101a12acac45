#!/usr/bin/env bash
# Builds gmloss and puts the `gmloss` command on the PATH: a link in ~/.local/bin (or
# $GMLOSS_BIN_DIR) to the launcher target/bin/gmloss, which finds its jars in target/lib.
# --link-only skips the build (the launcher must exist).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--link-only" ]; then
  tools/setup-data.sh
  mvn -B -q -DskipTests package
fi
launcher="$PWD/target/bin/gmloss"
if [ ! -x "$launcher" ]; then
  echo "install.sh: $launcher is missing; run tools/install.sh without --link-only" >&2
  exit 1
fi
bin_dir="${GMLOSS_BIN_DIR:-$HOME/.local/bin}"
mkdir -p "$bin_dir"
ln -sfn "$launcher" "$bin_dir/gmloss"
echo "gmloss is installed as $bin_dir/gmloss"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "$bin_dir is not on your PATH; add it (for example in ~/.profile):"
     echo "  export PATH=\"$bin_dir:\$PATH\"" ;;
esac
