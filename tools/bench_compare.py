"""gmloss against Python TensorFlow, side by side: `gmloss bench` and tools/bench_python.py
alternately, several rounds for each image shape and precision, then each figure, the
Java/Python ratio and the bf16/fp32 ratio of each side.

    python tools/bench_compare.py [--rounds 3] [--steps 100] [--shapes 28x28x1,32x32x3]
        [--precisions fp32,bf16] [--jar target/gmloss.jar] [--threads 0] [--profile-steps 0]

Alternating in one go keeps the machine's drift (other load, clock) out of the ratios, and
alternating who goes first keeps the order out of them; within a round every precision runs
before the next round starts, so the bf16/fp32 ratios are side by side too. Python's bf16 turns
on the same oneDNN bfloat16 rewrite as gmloss. Python's inference runs the SavedModel
that Java's first run wrote, the very model Java times.
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


def print_op_tables(rows, lines=15):
    """Kernel time per training step by op type, medians over the rounds, the largest first."""
    for shape, runs in rows:
        medians = {}
        for side in ["java", "python"]:
            ops = {op for run in runs[side] for op in run["opMillisPerStep"]}
            medians[side] = {op: statistics.median(run["opMillisPerStep"].get(op, 0.0)
                                                   for run in runs[side]) for op in ops}
        def larger(op):
            return max(medians["java"].get(op, 0), medians["python"].get(op, 0))

        ops = sorted(set(medians["java"]) | set(medians["python"]), key=lambda op: -larger(op))
        print(f"\n{shape}: kernel time per training step, ms, all threads")
        print("| op type | Java | Python |")
        print("|---|---|---|")
        for op in ops[:lines]:
            java, python = medians["java"].get(op, 0), medians["python"].get(op, 0)
            print(f"| {op} | {java:.2f} | {python:.2f} |")
        print(f"| all {len(medians['java'])} / {len(medians['python'])} op types | "
              f"{sum(medians['java'].values()):.2f} | {sum(medians['python'].values()):.2f} |")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--shapes", default="28x28x1,32x32x3")
    parser.add_argument("--precisions", default="fp32,bf16",
                        help="comma-separated, each of fp32 and bf16 (default: both)")
    parser.add_argument("--profile-steps", type=int, default=0,
                        help="also trace N steps on each side and print kernel time by op type")
    parser.add_argument("--jar", default=os.path.join(TOOLS, "..", "target", "gmloss.jar"))
    args = parser.parse_args(argv)
    if not os.path.isfile(args.jar):
        parser.error(f"--jar {args.jar}: not found; build it with mvn -DskipTests package")
    common = ["--warmup", str(args.warmup), "--steps", str(args.steps), "--batch-size",
              str(args.batch_size), "--threads", str(args.threads), "--profile-steps",
              str(args.profile_steps)]
    precisions = args.precisions.split(",")
    for precision in precisions:
        if precision not in ("fp32", "bf16"):
            parser.error(f"--precisions {args.precisions}: {precision} is not fp32 or bf16")
    runs = {}
    for shape in args.shapes.split(","):
        with tempfile.TemporaryDirectory() as work:
            # Every round builds the same seeded model; the first Java run writes it for
            # Python's inference. Rounds alternate who goes first, so that neither side always
            # runs on the machine the other has just warmed or loaded.
            model = os.path.join(work, "model")
            for round_number in range(args.rounds):
                for precision in precisions:
                    pair = runs.setdefault((shape, precision), {"java": [], "python": []})
                    java_command = ["java", "-jar", args.jar, "bench", "--json", "--shape", shape,
                                    "--precision", precision]
                    if not os.path.exists(model):
                        java_command += ["--export-dir", model]
                    python_command = [sys.executable, os.path.join(TOOLS, "bench_python.py"),
                                      "--shape", shape, "--saved-model", model, "--precision",
                                      precision]
                    if round_number % 2 == 0:
                        java = run_json(java_command + common)
                        python = run_json(python_command + common)
                    else:
                        python = run_json(python_command + common)
                        java = run_json(java_command + common)
                    pair["java"].append(java)
                    pair["python"].append(python)
                    first = "java" if round_number % 2 == 0 else "python"
                    print(f"{shape} {precision} round {round_number + 1} ({first} first): "
                          f"training java {java['training']['imagesPerSecond']:.1f} python "
                          f"{python['training']['imagesPerSecond']:.1f} images/s; inference java "
                          f"{java['inference']['imagesPerSecond']:.1f} python "
                          f"{python['inference']['imagesPerSecond']:.1f} images/s", flush=True)
    figures = [
        ("training images/s", lambda r: r["training"]["imagesPerSecond"]),
        ("training step, median ms", lambda r: 1000 * r["training"]["median"]),
        ("inference images/s", lambda r: r["inference"]["imagesPerSecond"]),
        ("inference step, median ms", lambda r: 1000 * r["inference"]["median"]),
        ("input wait, % of step", lambda r: 100 * r["inputWaitShare"]),
        ("peak RSS, MiB", lambda r: r["peakRssMiB"]),
    ]

    def median(key, side, pick):
        return statistics.median(pick(r) for r in runs[key][side])

    print()
    print("| shape | precision | figure | Java | Python | Java/Python |")
    print("|---|---|---|---|---|---|")
    for (shape, precision), pair in runs.items():
        for name, pick in figures:
            java = median((shape, precision), "java", pick)
            python = median((shape, precision), "python", pick)
            ratio = f"{java / python:.2f}x" if python else "-"
            print(f"| {shape} | {precision} | {name} | {java:.1f} | {python:.1f} | {ratio} |")
    if len(precisions) == 2:
        print()
        print("| shape | figure | Java bf16/fp32 | Python bf16/fp32 |")
        print("|---|---|---|---|")
        for shape in args.shapes.split(","):
            for name, pick in figures[0:3:2]:
                ratios = [median((shape, "bf16"), side, pick) / median((shape, "fp32"), side, pick)
                          for side in ("java", "python")]
                print(f"| {shape} | {name} | {ratios[0]:.2f}x | {ratios[1]:.2f}x |")
    if args.profile_steps:
        print_op_tables([(f"{shape} {precision}", pair) for (shape, precision), pair
                         in runs.items()])
    first_key = next(iter(runs))
    java = runs[first_key]["java"][0]
    peaks = ", ".join(
        f"{precision} {runs[(first_key[0], precision)]['java'][0].get('machinePeakGflops') or 0:.0f}"
        for precision in precisions)
    print(f"\nmedians of {args.rounds} rounds (Java first in odd rounds, Python in even ones), "
          f"{args.steps} timed steps each after {args.warmup} warm-up steps, "
          f"batch {args.batch_size}; oneDNN on in both; "
          f"{java.get('multiplyAddsPerImage', 0) / 1e6:.1f} M multiply-adds per image "
          f"({first_key[0]}); nominal peak GFLOP/s: {peaks}; "
          f"machine: {java.get('cpu') or 'CPU not named'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
