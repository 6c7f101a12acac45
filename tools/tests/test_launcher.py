"""The gmloss command: the launcher the build writes (target/bin/gmloss), put on the PATH by
tools/install.sh, runs from any directory, and a command it prints runs as printed."""

import os
import shlex
import signal
import subprocess
import time

from conftest import ROOT, require

LAUNCHER = os.path.join(ROOT, "target", "bin", "gmloss")


def install(bin_dir):
    result = subprocess.run([os.path.join(ROOT, "tools", "install.sh"), "--link-only"],
                            env=dict(os.environ, GMLOSS_BIN_DIR=str(bin_dir)),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.path.islink(bin_dir / "gmloss")
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def test_the_installed_command_runs_from_another_directory(tmp_path):
    require(LAUNCHER)
    env = install(tmp_path / "bin")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = subprocess.run(["gmloss", "--version"], cwd=elsewhere, env=env,
                             capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("gmloss 0.1.0 (TensorFlow-Java 1.1.0")
    typo = subprocess.run(["gmloss", "trian"], cwd=elsewhere, env=env, capture_output=True,
                          text=True)
    assert typo.returncode == 2
    assert typo.stderr.splitlines()[0] == "gmloss: unknown command 'trian' (did you mean train?)"


def test_the_resume_command_a_stopped_run_prints_runs_as_printed(tmp_path):
    require(LAUNCHER)
    env = install(tmp_path / "bin")
    work = tmp_path / "work"
    work.mkdir()
    log = work / "first.out"
    with open(log, "w") as out:
        first = subprocess.Popen(
            ["gmloss", "train", "--train-limit", "2560", "--test-limit", "100", "--epochs", "2",
             "--checkpoint-every", "2", "--log-every", "1", "--run-dir", "runs/try"],
            cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while "step 3/20" not in log.read_text() and first.poll() is None:
            assert time.time() < deadline, log.read_text()
            time.sleep(0.2)
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=300) == 143, log.read_text()
    printed = [line for line in log.read_text().splitlines() if line.startswith("resume with: ")]
    assert printed == ["resume with: gmloss train --resume runs/try"], log.read_text()
    command = shlex.split(printed[0][len("resume with: "):])
    second = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True,
                            timeout=600)
    assert second.returncode == 0, second.stderr
    assert "done: test accuracy" in second.stdout
    assert (work / "runs" / "try" / "model" / "saved_model.pb").exists()
