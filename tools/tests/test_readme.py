"""The README's commands run as written: the first session, from the project's directory with the
installed gmloss command, each printing what the page shows, and the Python snippet, which
classifies the first Fashion-MNIST test image.

A run's figures depend on the CPU (its arithmetic, its speed), so the first session's outputs are
compared line by line in form: the same lines in the same order, with the same words, numbers
and the spaces that align them aside; the machine line and the compute line's hint name the CPU
and are not compared. "..." on a line of its own stands for any lines; a line ending in "..." for
the rest of the line and any lines after it. The final accuracy must be within two points of the
page's."""

import os
import re
import subprocess
import sys

import shlex
import shutil

from conftest import NUMBER, ROOT, require


def test_readme_python_snippet_runs():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[9]", result.stdout


def first_session():
    """The first session's steps: the commands of each sh block, and the output block after it."""
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    section = readme.split("## A first session", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"```sh\n(.*?)```\s*```\n(.*?)```", section, re.S)
    return [([line for line in commands.splitlines() if line.startswith("gmloss ")],
             shown.splitlines()) for commands, shown in steps]


def form(line):
    """A line without what depends on the CPU: its numbers (and the padding that aligns a
    number of another width), the CPU it names, the bf16 hint."""
    if line.startswith("machine: "):
        return "machine: "
    return re.sub(r" +", " ", NUMBER.sub("#", re.sub(r" \(this CPU [^)]*\)", "", line)))


def shows(shown, printed):
    """Whether the page's lines `shown` are the `printed` lines, as the module says."""
    if not shown:
        return not printed
    first, rest = shown[0], shown[1:]
    if first == "...":
        return any(shows(rest, printed[skip:]) for skip in range(len(printed) + 1))
    if not printed:
        return False
    if first.endswith("..."):
        return (form(printed[0]).startswith(form(first[:-3].rstrip()))
                and any(shows(rest, printed[skip:]) for skip in range(1, len(printed) + 1)))
    return form(first) == form(printed[0]) and shows(rest, printed[1:])


def test_shows_compares_form_and_lets_ellipses_stand_for_lines():
    printed = ["model: ResNet-20, gm head", "epoch 1/2  loss 2.70", "epoch 2/2  loss 0.96",
               "per class:", "  Trouser 96.10%", "done: 75.37%"]
    assert shows(["model: ResNet-20, gm head", "...", "done: 75.63%"], printed)
    assert shows(["...", "epoch 2/2  loss 0.91", "per class: ...", "done: 75.37%"], printed)
    assert not shows(["model: ResNet-20, gm head", "done: 75.37%"], printed)
    assert not shows(["...", "epoch 2/2  test 0.96", "..."], printed)
    assert not shows(["...", "epoch 2/2  loss 0.96"], printed)
    assert shows(["loss 0.96    631 img/s"], ["loss 0.96   1041 img/s"])
    assert not shows(["loss 0.96    631 img/s"], ["loss 0.96   1041 images/s"])
    assert shows(["machine: AMD EPYC 7R13", "compute: cpu, fp32"],
                 ["machine: Intel(R) Xeon(R)", "compute: cpu, fp32 (this CPU has bfloat16 units:"
                  " --precision bf16 trains about 1.6 x faster here)"])


def test_the_first_session_runs_as_written(tmp_path):
    launcher = require(os.path.join(ROOT, "target", "bin", "gmloss"))
    steps = first_session()
    assert [c.split()[1] for commands, _ in steps for c in commands] == [
        "train", "evaluate", "predict", "predict", "plot", "detect"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(launcher, bin_dir / "gmloss")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    run_dir = os.path.join(ROOT, "runs", "first")
    shutil.rmtree(run_dir, ignore_errors=True)
    try:
        for commands, shown in steps:
            printed = []
            for command in commands:
                result = subprocess.run(shlex.split(command), cwd=ROOT, env=env,
                                        capture_output=True, text=True, timeout=900)
                assert result.returncode == 0, command + "\n" + result.stderr
                printed += result.stdout.splitlines()
            assert shows(shown, printed), ("README:\n" + "\n".join(shown) + "\nprinted:\n"
                                           + "\n".join(printed))
            done = [[line for line in lines if line.startswith("done: test accuracy")]
                    for lines in (shown, printed)]
            if done[0]:
                page, now = (float(re.search(r"accuracy ([\d.]+)%", lines[0]).group(1))
                             for lines in done)
                assert abs(page - now) <= 2, f"README: {done[0][0]}\nprinted: {done[1][0]}"
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
