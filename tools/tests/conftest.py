import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = os.path.join(ROOT, "tools")
PARITY = os.path.join(ROOT, "target", "parity")
SAVEDMODELS = os.path.join(ROOT, "savedmodels")

sys.path.insert(0, TOOLS)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# As gmloss (Java) runs: set before any test module imports TensorFlow.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")


def require(path):
    """Fixtures come from the Java tests; without them the suite cannot compare anything."""
    if not os.path.exists(path):
        raise FileNotFoundError(
            f"{path} is missing: the Java tests write it (mvn test, or tools/test-all.sh)")
    return path


# A number as gmloss prints it: 92.71, -0.2710, 2.467e-05, the 20 of ResNet-20.
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
