package gmloss.runtime;

import gmloss.io.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This machine's CPU as /proc/cpuinfo describes it: the model, logical processors, clock and
 * instruction-set flags, which decide the nominal peak and whether bfloat16 runs in hardware.
 *
 * @param vendor the first "vendor_id" (GenuineIntel, AuthenticAMD), or "" when none is given
 * @param model the first "model name", or "unknown CPU"
 * @param generation "family F model M" from the first "cpu family" and "model", which tell
 *     apart processors that a virtual machine names alike; "" when they are not given
 * @param processors logical processors
 * @param megahertz the largest clock reported, 0 when none is
 * @param flags the first processor's flags
 */
public record Cpu(String vendor, String model, String generation, int processors,
    double megahertz, Set<String> flags) {

  /** The file the CPU is read from on Linux. */
  public static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /** Intel's Advanced Matrix Extensions with bfloat16 tiles (Sapphire Rapids and later). */
  public static final String AMX_BF16 = "amx_bf16";
  /** AVX-512 bfloat16 dot products (Cooper Lake, Sapphire Rapids, AMD Zen 4 and later). */
  public static final String AVX512_BF16 = "avx512_bf16";

  public Cpu {
    flags = Set.copyOf(flags);
  }

  /** This machine's CPU; empty where /proc/cpuinfo is missing or names no processor. */
  public static Optional<Cpu> read() {
    try {
      return parse(Files.readAllLines(CPUINFO));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The CPU that {@code cpuinfo}, the lines of a /proc/cpuinfo, describes. */
  public static Optional<Cpu> parse(List<String> cpuinfo) {
    String vendor = null;
    String model = null;
    String family = null;
    String modelNumber = null;
    double megahertz = 0;
    int processors = 0;
    Set<String> flags = null;
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String value = line.substring(colon + 1).strip();
      switch (line.substring(0, colon).strip()) {
        case "processor" -> processors++;
        case "vendor_id" -> vendor = vendor == null ? value : vendor;
        case "model name" -> model = model == null ? value : model;
        case "cpu family" -> family = family == null ? value : family;
        case "model" -> modelNumber = modelNumber == null ? value : modelNumber;
        case "cpu MHz" -> megahertz = Math.max(megahertz, parseOrZero(value));
        case "flags" -> flags = flags != null ? flags
            : Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
        default -> { }
      }
    }
    return processors == 0 ? Optional.empty() : Optional.of(new Cpu(
        vendor == null ? "" : vendor, model == null ? "unknown CPU" : model,
        family == null || modelNumber == null ? "" : "family " + family + " model " + modelNumber,
        processors, megahertz, flags == null ? Set.of() : flags));
  }

  public static final String AMD = "AuthenticAMD";

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /** Whether bfloat16 arithmetic runs in hardware: AMX tiles or AVX-512 bfloat16. */
  public boolean hasBfloat16() {
    return has(AMX_BF16) || has(AVX512_BF16);
  }

  /**
   * The CPU in a line, as a speed figure should name it: "Intel(R) Xeon(R) Processor (family 6
   * model 207), 2 logical processors, bfloat16 units: amx_bf16 avx512_bf16".
   */
  public String describe() {
    List<String> bfloat16 = Stream.of(AMX_BF16, AVX512_BF16).filter(this::has).toList();
    return model + (generation.isEmpty() ? "" : " (" + generation + ")") + ", "
        + Numbers.counted(processors, "logical processor") + ", "
        + (bfloat16.isEmpty() ? "no bfloat16 units" : "bfloat16 units: "
            + String.join(" ", bfloat16));
  }

  private static double parseOrZero(String number) {
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
