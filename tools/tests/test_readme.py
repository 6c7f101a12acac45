"""The README's commands run as written: the first session, from the project's directory with the
installed gmloss command, and the Python snippet, which classifies the first Fashion-MNIST test
image."""

import os
import re
import subprocess
import sys

import shlex
import shutil

from conftest import ROOT, require


def test_readme_python_snippet_runs():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[9]", result.stdout


def first_session_commands():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    section = readme.split("## A first session", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines()
            if line.startswith("gmloss ")]


def test_the_first_session_runs_as_written(tmp_path):
    launcher = require(os.path.join(ROOT, "target", "bin", "gmloss"))
    commands = first_session_commands()
    assert [c.split()[1] for c in commands] == ["train", "evaluate", "predict", "predict", "plot",
                                                "detect"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(launcher, bin_dir / "gmloss")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    run_dir = os.path.join(ROOT, "runs", "first")
    shutil.rmtree(run_dir, ignore_errors=True)
    try:
        for command in commands:
            result = subprocess.run(shlex.split(command), cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=900)
            assert result.returncode == 0, command + "\n" + result.stderr
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
