#!/usr/bin/env bash
# Every test: the Java suite (JUnit 5, which also writes the parity fixtures under
# target/parity), the example projects on the installed artifact, then the Python suite in a
# virtual environment made here.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-data.sh
# install: the tests, then the jar (with sources and Javadoc) into ~/.m2 for the example
mvn -B install
# Programs of their own on the installed artifact, each failing unless it works: the GM head in
# a network of its own, a run trained, stopped, resumed, exported and evaluated, and the same
# with a network the program registers.
mvn -B -q -f examples/gm-head/pom.xml compile exec:java
mvn -B -q -f examples/train-resume/pom.xml compile exec:java
mvn -B -q -f examples/train-resume/pom.xml exec:java -Dexec.args=small-cnn
if [ ! -x .venv/bin/pytest ] || ! cmp -s tools/requirements.txt .venv/requirements.txt; then
  rm -rf .venv
  if ! python3 -m venv .venv; then
    # Debian ships the venv module separately.
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q
    $sudo apt-get install -y -q python3-venv
    python3 -m venv .venv
  fi
  .venv/bin/pip install -q -r tools/requirements.txt
  cp tools/requirements.txt .venv/requirements.txt
fi
.venv/bin/pytest -q tools/tests
