"""tools/bench_python.py trains and serves, and reports what `gmloss bench --json` reports."""

import json
import os
import subprocess
import sys

from conftest import PARITY, TOOLS, require


def test_a_tiny_benchmark_reports_every_figure():
    model = require(os.path.join(PARITY, "fresh-model"))
    result = subprocess.run(
        [sys.executable, os.path.join(TOOLS, "bench_python.py"), "--depth", "8",
         "--batch-size", "8", "--warmup", "1", "--steps", "3", "--saved-model", model],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for phase in ["training", "inference"]:
        timing = report[phase]
        assert timing["p10"] <= timing["median"] <= timing["p90"], timing
        assert timing["imagesPerSecond"] > 0
    assert 0 <= report["inputWaitShare"] < 1
    assert report["oneDnn"] is True
    assert report["peakRssMiB"] > 0


def test_a_bad_shape_is_refused():
    result = subprocess.run(
        [sys.executable, os.path.join(TOOLS, "bench_python.py"), "--shape", "32x32"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--shape 32x32: expected HEIGHTxWIDTHxCHANNELS" in result.stderr
