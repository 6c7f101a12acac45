package gmloss.bench;

import gmloss.runtime.Cpu;
import gmloss.train.Precision;
import java.util.Optional;

/**
 * A nominal peak of this machine's CPU: logical processors x clock x floating-point operations
 * per cycle (a fused multiply-add counts two), for float32 and for bfloat16.
 *
 * <p>float32 per cycle: AVX-512 with two FMA units, 2 x 16 lanes x 2 = 64 (Intel server cores;
 * AMD Zen 4 splits a 512-bit operation over its two 256-bit units, so 32 there); AVX2 with FMA,
 * two 256-bit units, 32 (Intel since Haswell, AMD since Zen 2); AVX alone 16; otherwise 8.
 * bfloat16 per cycle: AMX tiles, 1024 (Intel's figure for Sapphire Rapids and later);
 * AVX512_BF16 dot products, twice the AVX-512 float32 rate; without either, bfloat16 is
 * emulated and the float32 peak applies. Logical processors may be SMT siblings sharing one
 * core's units, so the fraction of the peak reached is a lower bound; the number of FMA units
 * is not in /proc/cpuinfo and is taken as the vendor's server parts have it.
 */
public record MachinePeak(String model, int processors, double megahertz, int fp32PerCycle,
    int bf16PerCycle, String bf16Units) {

  static final int AMX_BF16_PER_CYCLE = 1024;

  /** GFLOP/s at {@code precision}'s peak. */
  public double gigaflops(Precision precision) {
    return processors * megahertz
        * (precision == Precision.BF16 ? bf16PerCycle : fp32PerCycle) / 1000;
  }

  /** Operations per cycle and processor at {@code precision}. */
  public int perCycle(Precision precision) {
    return precision == Precision.BF16 ? bf16PerCycle : fp32PerCycle;
  }

  /** The peak of {@code cpu}; empty where /proc/cpuinfo gives no clock. */
  public static Optional<MachinePeak> of(Cpu cpu) {
    if (cpu.megahertz() == 0) {
      return Optional.empty();
    }
    boolean amd = cpu.vendor().equals(Cpu.AMD);
    int fp32 = cpu.has("avx512f") ? (amd ? 32 : 64)
        : cpu.has("avx2") && cpu.has("fma") ? 32 : cpu.has("avx") ? 16 : 8;
    int bf16;
    String units;
    if (cpu.has(Cpu.AMX_BF16)) {
      bf16 = AMX_BF16_PER_CYCLE;
      units = "AMX";
    } else if (cpu.has(Cpu.AVX512_BF16)) {
      bf16 = 2 * fp32;
      units = "AVX512_BF16";
    } else {
      bf16 = fp32;
      units = "none (emulated)";
    }
    return Optional.of(new MachinePeak(cpu.model(), cpu.processors(), cpu.megahertz(), fp32,
        bf16, units));
  }
}
