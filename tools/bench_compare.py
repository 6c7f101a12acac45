"""gmloss against Python TensorFlow, side by side: `gmloss bench` and tools/bench_python.py
alternately, several rounds for each image shape, then each figure and the Java/Python ratio.

    python tools/bench_compare.py [--rounds 3] [--steps 100] [--shapes 28x28x1,32x32x3]
        [--jar target/gmloss.jar] [--threads 0]

Alternating in one go keeps the machine's drift (other load, clock) out of the ratios. Each
round's SavedModel is the one Java just timed, so Python's inference runs the very same model.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

TOOLS = os.path.dirname(os.path.abspath(__file__))


def run_json(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout[result.stdout.index("{"):])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--shapes", default="28x28x1,32x32x3")
    parser.add_argument("--jar", default=os.path.join(TOOLS, "..", "target", "gmloss.jar"))
    args = parser.parse_args(argv)
    if not os.path.isfile(args.jar):
        parser.error(f"--jar {args.jar}: not found; build it with mvn -DskipTests package")
    common = ["--warmup", str(args.warmup), "--steps", str(args.steps), "--batch-size",
              str(args.batch_size), "--threads", str(args.threads)]
    rows = []
    for shape in args.shapes.split(","):
        runs = {"java": [], "python": []}
        for round_number in range(args.rounds):
            with tempfile.TemporaryDirectory() as work:
                model = os.path.join(work, "model")
                java = run_json(["java", "-jar", args.jar, "bench", "--json", "--shape", shape,
                                 "--export-dir", model] + common)
                python = run_json([sys.executable, os.path.join(TOOLS, "bench_python.py"),
                                   "--shape", shape, "--saved-model", model] + common)
            runs["java"].append(java)
            runs["python"].append(python)
            print(f"{shape} round {round_number + 1}: training java "
                  f"{java['training']['imagesPerSecond']:.1f} python "
                  f"{python['training']['imagesPerSecond']:.1f} images/s; inference java "
                  f"{java['inference']['imagesPerSecond']:.1f} python "
                  f"{python['inference']['imagesPerSecond']:.1f} images/s", flush=True)
        rows.append((shape, runs))
    print()
    print("| shape | figure | Java | Python | Java/Python |")
    print("|---|---|---|---|---|")
    for shape, runs in rows:
        figures = [
            ("training images/s", lambda r: r["training"]["imagesPerSecond"]),
            ("training step, median ms", lambda r: 1000 * r["training"]["median"]),
            ("inference images/s", lambda r: r["inference"]["imagesPerSecond"]),
            ("inference step, median ms", lambda r: 1000 * r["inference"]["median"]),
            ("input wait, % of step", lambda r: 100 * r["inputWaitShare"]),
            ("peak RSS, MiB", lambda r: r["peakRssMiB"]),
        ]
        for name, pick in figures:
            java = statistics.median(pick(r) for r in runs["java"])
            python = statistics.median(pick(r) for r in runs["python"])
            ratio = f"{java / python:.2f}x" if python else "-"
            print(f"| {shape} | {name} | {java:.1f} | {python:.1f} | {ratio} |")
    java = rows[0][1]["java"][0]
    print(f"\nmedians of {args.rounds} alternating rounds, {args.steps} timed steps each after "
          f"{args.warmup} warm-up steps, batch {args.batch_size}; oneDNN on in both; "
          f"{java.get('multiplyAddsPerImage', 0) / 1e6:.1f} M multiply-adds per image "
          f"({rows[0][0]}); nominal peak {java.get('machinePeakGflops') or 0:.0f} GFLOP/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
