package gmloss.cli;

import gmloss.bench.Benchmark;
import gmloss.bench.MachinePeak;
import gmloss.io.EnumNames;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.io.Json;
import gmloss.io.SafeFiles;
import gmloss.model.ResNet;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import gmloss.runtime.Cpu;
import gmloss.runtime.NativeSetup;
import gmloss.train.Device;
import gmloss.train.Precision;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code gmloss bench}: training and inference speed of a ResNet with the GM or softmax head. */
final class BenchCommand extends CliCommand {

  private static final Pattern SHAPE = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");
  /** Op types listed in the text report; --json has them all. */
  private static final int PROFILE_LINES = 15;

  BenchCommand() {
    super("bench", "training and inference speed, step-time spread, input wait and memory",
        "Times training steps and SavedModel inference of a ResNet on random images of the"
            + " given shape, as train runs them (graph, optimizer, augmenting batch loader).",
        ModelOptions.withPrecision(new OptionSpecs()
            .value("shape", "HxWxC", "28x28x1", "image height, width and channels: 28x28x1 as"
                + " Fashion-MNIST, 32x32x3 as CIFAR")
            .value("classes", "N", "10", "number of classes")
            .value("depth", "D", "20", "ResNet depth, 6n+2")
            .value("loss", "NAME", "gm", "the head: " + HeadTypes.names())
            .value("batch-size", "N", "128", "images per training and inference step")
            .value("threads", "N", "0", "threads of each TensorFlow pool (0: TensorFlow's"
                + " choice)")
            .value("device", "NAME", "auto", "auto, cpu or gpu")
            .value("warmup", "N", "20", "untimed steps first")
            .value("steps", "N", "100", "timed steps")
            .value("profile-steps", "N", "0", "after the timed steps, trace N more and report"
                + " the kernel time per step by op type")
            .value("seed", "S", "42", "seed of the weights and the random images")
            .value("export-dir", "DIR", null, "keep the SavedModel timed for inference here (for"
                + " tools/bench_python.py); default: a temporary directory")),
        true, false);
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    OptionValues options = call.options();
    Matcher shape = SHAPE.matcher(options.string("shape"));
    if (!shape.matches()) {
      throw new OptionException("--shape " + options.string("shape")
          + ": expected HEIGHTxWIDTHxCHANNELS, such as 32x32x3");
    }
    int height = Integer.parseInt(shape.group(1));
    int width = Integer.parseInt(shape.group(2));
    int channels = Integer.parseInt(shape.group(3));
    if (height < 8 || width < 8 || height > 1024 || width > 1024 || channels < 1
        || channels > 4) {
      throw new OptionException("--shape " + options.string("shape") + ": height and width"
          + " must be 8 to 1024, channels 1 to 4");
    }
    int depth = options.integer("depth", 8, 1000);
    if (!ResNet.isValidDepth(depth)) {
      throw new OptionException("--depth " + depth + ": must be 6n+2 (20, 32, 44, 56, 110, ...)");
    }
    Benchmark.Config config = new Benchmark.Config(depth,
        head(options.string("loss")), height, width, channels,
        options.integer("classes", 2, 100_000), options.integer("batch-size", 1, 65_536),
        options.integer("threads", 0, 1024), options.choice("device", Device.class),
        ModelOptions.precision(options, call.err()), options.integer("warmup", 1, 1_000_000),
        options.integer("steps", 1, 1_000_000),
        options.integer("profile-steps", 0, 1_000_000), options.longValue("seed"));
    Optional<Path> keep = options.path("export-dir");
    if (keep.isPresent() && Files.exists(keep.get())) {
      throw new OptionException("--export-dir " + keep.get() + ": already exists");
    }
    Path temporary = keep.isPresent() ? null : Files.createTempDirectory("gmloss-bench-");
    Benchmark.Measurement result;
    try {
      result = Benchmark.run(config,
          keep.orElseGet(() -> temporary.resolve("model")));
    } finally {
      if (temporary != null) {
        SafeFiles.deleteRecursively(temporary);
      }
    }
    Optional<Cpu> cpu = Cpu.read();
    Optional<MachinePeak> peak = cpu.flatMap(MachinePeak::of);
    out.print(options.flag("json") ? json(result, cpu, peak) : report(result, cpu, peak));
    return ExitCode.OK;
  }

  private static String report(Benchmark.Measurement m, Optional<Cpu> cpu,
      Optional<MachinePeak> peak) {
    Benchmark.Config c = m.config();
    StringBuilder text = new StringBuilder();
    cpu.ifPresent(named -> text.append("machine: ").append(named.describe())
        .append(System.lineSeparator()));
    text.append(String.format(Locale.ROOT, "ResNet-%d, %s head, %dx%dx%d images, %d classes,"
        + " batch %d, device %s, precision %s, oneDNN %s, threads %s%n", c.depth(),
        c.head().name(), c.height(), c.width(), c.channels(), c.classes(), c.batchSize(),
        m.device(), EnumNames.of(c.precision()),
        NativeSetup.oneDnnOn() ? "on" : "off", c.threads() == 0 ? "TensorFlow's choice"
            : Integer.toString(c.threads())));
    text.append(String.format(Locale.ROOT, "%d warm-up steps, then %d timed steps%n",
        c.warmup(), c.steps()));
    text.append(line("training", m.training()));
    text.append(line("inference", m.inference()));
    text.append(String.format(Locale.ROOT, "input wait: %.2f%% of the training time%n",
        100 * m.inputWaitShare()));
    text.append(String.format(Locale.ROOT, "resident memory: %d MiB after warm-up, then after"
        + " each tenth of the steps %s MiB; %d MiB with the session closed, peak %d MiB%n",
        m.rssAfterWarmupMiB(), m.rssSamplesMiB().stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", ")), m.rssEndMiB(),
        m.peakRssMiB()));
    text.append(String.format(Locale.ROOT, "work: %.1f M multiply-adds per image forward;"
        + " training %.1f GFLOP/s, inference %.1f GFLOP/s%n", m.multiplyAddsPerImage() / 1e6,
        m.trainingFlops() / 1e9, m.inferenceFlops() / 1e9));
    Precision precision = c.precision();
    peak.ifPresent(p -> text.append(String.format(Locale.ROOT, "nominal %s peak: %d x %.0f MHz"
        + " x %d = %.0f GFLOP/s (%s%s); training reaches %.1f%%, inference %.1f%%%n",
        EnumNames.of(precision), p.processors(), p.megahertz(), p.perCycle(precision),
        p.gigaflops(precision), p.model(),
        precision == Precision.BF16 ? ", bfloat16 units: " + p.bf16Units() : "",
        100 * m.trainingFlops() / 1e9 / p.gigaflops(precision),
        100 * m.inferenceFlops() / 1e9 / p.gigaflops(precision))));
    if (!m.opMillisPerStep().isEmpty()) {
      text.append(String.format(Locale.ROOT, "kernel time per training step, all threads, %d"
          + " traced steps: %.1f ms; by op type:%n", c.profileSteps(),
          m.opMillisPerStep().values().stream().mapToDouble(Double::doubleValue).sum()));
      m.opMillisPerStep().entrySet().stream().limit(PROFILE_LINES).forEach(e -> text.append(
          String.format(Locale.ROOT, "  %-36s %9.2f ms%n", e.getKey(), e.getValue())));
    }
    return text.toString();
  }

  private static String line(String name, Benchmark.Timing t) {
    return String.format(Locale.ROOT, "%-9s %8.1f images/s, step %.2f ms median (p10 %.2f,"
        + " p90 %.2f)%n", name, t.imagesPerSecond(), 1000 * t.median(), 1000 * t.p10(),
        1000 * t.p90());
  }

  private static String json(Benchmark.Measurement m, Optional<Cpu> cpu,
      Optional<MachinePeak> peak) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cpu", cpu.map(Cpu::describe).orElse(null));
    json.put("config", m.config());
    json.put("device", m.device());
    json.put("oneDnn", NativeSetup.oneDnnOn());
    json.put("training", m.training());
    json.put("inference", m.inference());
    json.put("inputWaitShare", m.inputWaitShare());
    json.put("rssAfterWarmupMiB", m.rssAfterWarmupMiB());
    json.put("rssSamplesMiB", m.rssSamplesMiB());
    json.put("rssEndMiB", m.rssEndMiB());
    json.put("peakRssMiB", m.peakRssMiB());
    json.put("multiplyAddsPerImage", m.multiplyAddsPerImage());
    json.put("trainingFlops", m.trainingFlops());
    json.put("inferenceFlops", m.inferenceFlops());
    json.put("opMillisPerStep", m.opMillisPerStep());
    peak.ifPresent(p -> json.put("machinePeak", p));
    json.put("machinePeakGflops", peak.map(p -> p.gigaflops(m.config().precision()))
        .orElse(null));
    return Json.GSON.toJson(json) + "\n";
  }

  private static HeadType head(String name) throws OptionException {
    return HeadTypes.named(name).orElseThrow(() -> new OptionException("--loss " + name
        + ": expected one of " + HeadTypes.names()));
  }
}
