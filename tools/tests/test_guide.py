"""The outputs the guide shows are the outputs the commands give today: each block that starts
with one of these commands is run, and its lines must match what it prints (numbers to within two
units of their last printed digit, which another CPU's arithmetic may change); the recipe list is
the help's, and the sample progress line has the fields a run prints."""

import os
import re
import shlex
import subprocess

import pytest

from conftest import NUMBER, ROOT, require

COMMANDS = [
    "gmloss evaluate --model savedmodels/fashion-mnist-gm-resnet20",
    "gmloss predict --model savedmodels/fashion-mnist-gm-resnet20"
    " src/test/resources/gmloss/data/images/grey8.png",
]


def blocks():
    """The guide's code blocks, each as its lines."""
    with open(os.path.join(ROOT, "docs", "guide.md")) as f:
        guide = f.read()
    found, block = [], None
    for line in guide.splitlines():
        if line.startswith("```"):
            if block is None:
                block = []
            else:
                found.append(block)
                block = None
        elif block is not None:
            block.append(line)
    return found


def shown_output(command):
    shown = [b for b in blocks() if b and b[0] == command]
    assert len(shown) == 1, f"the guide shows {command!r} {len(shown)} times"
    return shown[0][1:]


def test_the_guides_recipe_list_is_the_helps():
    """The list of recipes the guide shows is the end of `gmloss train --help`, as printed."""
    launcher = require(os.path.join(ROOT, "target", "bin", "gmloss"))
    result = subprocess.run([launcher, "train", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert ["recipes:"] + shown_output("recipes:") == lines[lines.index("recipes:"):]


def test_the_guides_progress_line_has_the_form_a_run_prints(tmp_path):
    """The timestamped progress line of a redirected run, field for field (numbers aside)."""
    launcher = require(os.path.join(ROOT, "target", "bin", "gmloss"))
    shown = [b for b in blocks() if len(b) == 1 and re.match(r"\d{4}-\d\d-\d\d ", b[0])]
    assert len(shown) == 1
    result = subprocess.run([launcher, "train", "--train-limit", "1024", "--test-limit", "100",
                             "--batch-size", "64", "--epochs", "2", "--depth", "8",
                             "--threads", "1", "--log-every", "10",
                             "--run-dir", str(tmp_path / "run")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stdout.splitlines() if re.match(r"\d{4}-", line)]
    assert printed, result.stdout
    assert NUMBER.sub("#", shown[0][0]) == NUMBER.sub("#", printed[0]), printed[0]


def same_line(expected, actual):
    if NUMBER.sub("#", expected) != NUMBER.sub("#", actual):
        return False
    for a, b in zip(NUMBER.findall(expected), NUMBER.findall(actual)):
        if abs(float(a) - float(b)) > last_digits(a):
            return False
    return True


def last_digits(number):
    """Two units of the last digit the guide prints (relative for 1e-5 forms)."""
    if "e" in number:
        return 2e-3 * abs(float(number))
    decimals = len(number.split(".")[1]) if "." in number else 0
    return 2 * 10 ** -decimals


def test_a_changed_figure_is_a_difference():
    assert same_line("accuracy: 92.71% (9271 of 10000)", "accuracy: 92.72% (9271 of 10000)")
    assert not same_line("accuracy: 92.71% (9271 of 10000)", "accuracy: 92.53% (9253 of 10000)")
    assert not same_line("Sandal 0.05%", "Sneaker 0.05%")


@pytest.mark.parametrize("command", COMMANDS)
def test_the_guide_shows_what_the_command_prints(command):
    launcher = require(os.path.join(ROOT, "target", "bin", "gmloss"))
    words = shlex.split(command)
    result = subprocess.run([launcher] + words[1:], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    expected = shown_output(command)
    actual = result.stdout.splitlines()
    assert len(expected) == len(actual), "\n".join(actual)
    for want, got in zip(expected, actual):
        assert same_line(want, got), f"guide: {want}\nnow:   {got}"
