"""tools/bench_python.py trains and serves, and reports what `gmloss bench --json` reports."""

import json
import os
import re
import subprocess
import sys

from conftest import PARITY, ROOT, TOOLS, require


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


def test_the_side_by_side_script_alternates_who_goes_first():
    jar = require(os.path.join(ROOT, "target", "gmloss.jar"))
    result = subprocess.run(
        [sys.executable, os.path.join(TOOLS, "bench_compare.py"), "--rounds", "2", "--warmup",
         "1", "--steps", "2", "--batch-size", "4", "--shapes", "8x8x1", "--profile-steps", "1",
         "--precisions", "fp32,bf16", "--jar", jar],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Each round runs both precisions before the next round starts.
    assert lines[0].startswith("8x8x1 fp32 round 1 (java first): training java ")
    assert lines[1].startswith("8x8x1 bf16 round 1 (java first): training java ")
    # Round 2 runs Python first, its inference on the model the first Java run wrote.
    assert lines[2].startswith("8x8x1 fp32 round 2 (python first): training java ")
    assert lines[3].startswith("8x8x1 bf16 round 2 (python first): training java ")
    assert "| 8x8x1 | fp32 | training images/s |" in result.stdout
    assert "| 8x8x1 | bf16 | training images/s |" in result.stdout
    assert "| 8x8x1 | training images/s |" in result.stdout, "the bf16/fp32 ratios"
    assert "medians of 2 rounds (Java first in odd rounds, Python in even ones)" in result.stdout
    assert re.search(r"; machine: .+, \d+ logical processors?, ", result.stdout), "names the CPU"
    # Both sides traced, in both precisions: the convolution's kernels in every column.
    conv = [line for line in lines if line.startswith("| _MklNativeConv2D |")]
    assert len(conv) == 2, result.stdout
    for row in conv:
        java, python = (float(v) for v in row.strip("|").split("|")[1:])
        assert java > 0 and python > 0, row


def test_a_profile_reports_kernel_time_by_op_type():
    result = subprocess.run(
        [sys.executable, os.path.join(TOOLS, "bench_python.py"), "--depth", "8",
         "--batch-size", "8", "--warmup", "1", "--steps", "2", "--profile-steps", "2"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    ops = json.loads(result.stdout)["opMillisPerStep"]
    times = list(ops.values())
    assert times == sorted(times, reverse=True)
    assert any(op.endswith("Conv2DBackpropFilter") for op in ops), ops
    # Only op types: none of the runtime's own events ("Class::method", "Stage: detail").
    assert all(":" not in op and " " not in op for op in ops), ops
