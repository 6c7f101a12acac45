"""gmloss on a real terminal, 80 columns wide: what a person sees, rendered by a terminal emulator.

Each command runs on a pseudo-terminal of 80 x 24 (so the progress bar draws and redraws itself
as it does for a user), and pyte replays everything written to it onto a screen. The tests read
that screen, not the byte stream: a message the bar overwrites, or a line that wraps, shows.

Run as a script, it prints the screens: `tools/tests/test_terminal.py [GMLOSS]`.
"""

import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import time

import pyte

from conftest import ROOT, require

COLUMNS = 80
LINES = 24
FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
# Small and quick: the tests are about the display, not the network.
SMALL_RUN = ["--train-limit", "3840", "--test-limit", "500", "--epochs", "2", "--depth", "8",
             "--batch-size", "64", "--threads", "1", "--log-every", "0"]


def launcher():
    return require(os.path.join(ROOT, "target", "bin", "gmloss"))


class Screen:
    """What the terminal shows after a command ran on it, with its exit code."""

    def __init__(self, history, code):
        self.lines = [line.rstrip() for line in history]
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        self.code = code

    def text(self):
        return "\n".join(self.lines)

    def joined(self, start):
        """The lines from start on as one, the way they read: a full line goes on in the next
        one (the terminal wrapped it); where gmloss broke a line, a space."""
        text = ""
        wrapped = False
        for line in self.lines[start:]:
            text += line if wrapped else (" " if text else "") + line.strip()
            wrapped = len(line) == COLUMNS
        return text


def run_on_terminal(args, interrupt_when=None, timeout=300):
    """Runs args on an 80 x 24 pseudo-terminal; with interrupt_when, types Ctrl-C once the
    screen's text matches that pattern. Returns the Screen: every line that scrolled off, then
    the visible ones."""
    screen = pyte.HistoryScreen(COLUMNS, LINES, history=10000)
    stream = pyte.ByteStream(screen)
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    # A user's shell: without the TensorFlow settings the Python tests make for themselves.
    env = {name: value for name, value in os.environ.items()
           if name not in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS")}
    env.update(TERM="xterm", COLUMNS=str(COLUMNS))

    def controlling_terminal():
        # A session of its own with the terminal as its controlling one, so that Ctrl-C reaches
        # it as SIGINT, as in a shell.
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(args, stdin=child, stdout=child, stderr=child, env=env,
                               preexec_fn=controlling_terminal, cwd=ROOT)
    os.close(child)
    interrupted = False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([parent], [], [], 0.2)
            if ready:
                try:
                    data = os.read(parent, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not data:
                    break
                stream.feed(data)
            elif process.poll() is not None:
                break
            if interrupt_when and not interrupted and re.search(interrupt_when,
                                                                "\n".join(screen.display)):
                os.write(parent, b"\x03")  # Ctrl-C, as the terminal sends it: SIGINT
                interrupted = True
        else:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError(f"{args} did not end within {timeout} s")
        code = process.wait(timeout=60)
    finally:
        os.close(parent)
    history = ["".join(char.data for char in (line[x] for x in range(COLUMNS)))
               for line in screen.history.top] + list(screen.display)
    return Screen(history, code)


def test_train_help_fits_eighty_columns_with_hanging_indentation():
    screen = run_on_terminal([launcher(), "train", "--help"])
    assert screen.code == 0, screen.text()
    assert all(len(line) <= COLUMNS for line in screen.lines)
    text = screen.text()
    assert "usage: gmloss train [options]" in text
    # A long description goes on under its own text, not under the option names.
    start = next(i for i, line in enumerate(screen.lines) if "--val-split <N>" in line)
    indent = screen.lines[start].index("hold N")
    assert re.match(" {%d}\\S" % indent, screen.lines[start + 1]), text
    assert "fixed for the life of a run" in text


def test_a_run_leaves_each_epochs_bar_whole_above_its_line(tmp_path):
    require(FASHION_MNIST)
    screen = run_on_terminal([launcher(), "train", *SMALL_RUN,
                              "--run-dir", str(tmp_path / "run")])
    text = screen.text()
    assert screen.code == 0, text
    epochs = [line for line in screen.lines if re.match(r"epoch +\d/2  train loss", line)]
    assert [line.split()[1] for line in epochs] == ["1/2", "2/2"], text
    for line in epochs:
        assert len(line) <= COLUMNS
        assert "train loss" in line and "test acc" in line, line
    done = [i for i, line in enumerate(screen.lines) if line.startswith("done: test accuracy ")]
    assert len(done) == 1 and done[0] > screen.lines.index(epochs[-1]), text
    # Each epoch's bar stays above its line as it ended: whole, full, with nothing drawn over it.
    bars = [line for line in screen.lines if re.match(r"epoch \d/2 +\d+% \[", line)]
    assert len(bars) == 2, text
    for line in bars:
        assert len(line) < COLUMNS and "100% [" in line and " 60/60 " in line, line


def test_ctrl_c_stops_with_a_checkpoint_and_the_messages_stay_visible(tmp_path):
    require(FASHION_MNIST)
    run = tmp_path / "run"
    screen = run_on_terminal([launcher(), "train", *SMALL_RUN, "--run-dir", str(run)],
                             interrupt_when=r"epoch +1/2")
    text = screen.text()
    assert screen.code == 130, text
    stopped = [i for i, line in enumerate(screen.lines)
               if line.startswith("stopped by a signal after step ")]
    assert len(stopped) == 1, text
    # The two messages end the screen, whole, each on its own line(s), nothing drawn over them.
    tail = screen.joined(stopped[0])
    assert re.fullmatch(r"stopped by a signal after step \d+ \(epoch 1, batch \d+ of 60\);"
                        r" checkpoint \S+ resume with: gmloss train --resume \S+", tail), text
    assert tail.endswith(f"resume with: gmloss train --resume {run}"), tail
    # The bar above them shows the step the run stopped after, and no other bar is left.
    bars = [line for line in screen.lines if re.match(r"epoch 1/2 +\d+% \[", line)]
    assert len(bars) == 1 and screen.lines.index(bars[0]) == stopped[0] - 1, text
    assert os.path.isfile(run / "run.json")


if __name__ == "__main__":
    gmloss = sys.argv[1] if len(sys.argv) > 1 else launcher()
    with tempfile.TemporaryDirectory() as work:
        for title, args, interrupt in [
                ("gmloss train --help", [gmloss, "train", "--help"], None),
                ("gmloss train (small run)", [gmloss, "train", *SMALL_RUN, "--run-dir",
                                              os.path.join(work, "a")], None),
                ("gmloss train, Ctrl-C in epoch 1", [gmloss, "train", *SMALL_RUN, "--run-dir",
                                                     os.path.join(work, "b")], r"epoch +1/2")]:
            shown = run_on_terminal(args, interrupt)
            print(f"$ {title}   (exit code {shown.code})")
            print(shown.text())
            print()
