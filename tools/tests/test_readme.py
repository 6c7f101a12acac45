"""The Python snippet of the README runs and classifies the first Fashion-MNIST test image."""

import os
import re
import subprocess
import sys

from conftest import ROOT


def test_readme_python_snippet_runs():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[9]", result.stdout
