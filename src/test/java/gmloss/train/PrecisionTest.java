package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.runtime.Cpu;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/**
 * bf16 is a graph rewrite in the session's configuration, warned about on a CPU that would
 * emulate it, and suggested on a CPU with AMX.
 */
class PrecisionTest {

  static final Cpu AMX = new Cpu("GenuineIntel", "Intel(R) Xeon(R) Processor",
      "family 6 model 207", 2, 2100, Set.of("avx512f", "avx512_bf16", "amx_bf16", "amx_tile"));
  static final Cpu ZEN4 = new Cpu("AuthenticAMD", "AMD EPYC 9R14 96-Core Processor",
      "family 25 model 17", 2, 2600, Set.of("avx2", "fma", "avx512f", "avx512_bf16"));
  static final Cpu ZEN3 = new Cpu("AuthenticAMD", "AMD EPYC 7R13 Processor", "family 25 model 1",
      2, 2650, Set.of("avx2", "fma"));

  @Test
  void bf16TurnsOnOneDnnsBfloat16RewriteOnTheCpuAndFp32NothingButDeterminism() {
    ConfigProto bf16 = Device.CPU.sessionConfig(1, Precision.BF16);
    assertEquals(RewriterConfig.Toggle.ON,
        bf16.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
    assertEquals(RewriterConfig.Toggle.DEFAULT,
        bf16.getGraphOptions().getRewriteOptions().getAutoMixedPrecision());
    ConfigProto fp32 = Device.CPU.sessionConfig(1, Precision.FP32);
    // Both leave out the arithmetic optimizer, whose rewrites made same-seed runs differ.
    assertEquals(RewriterConfig.newBuilder()
        .setArithmeticOptimization(RewriterConfig.Toggle.OFF).build(),
        fp32.getGraphOptions().getRewriteOptions());
    assertEquals(RewriterConfig.Toggle.OFF,
        bf16.getGraphOptions().getRewriteOptions().getArithmeticOptimization());
    assertEquals(1, fp32.getIntraOpParallelismThreads());
  }

  @Test
  void bf16OnAGpuIsTensorFlowsGpuMixedPrecision() {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    Precision.BF16.configure(config, true);
    RewriterConfig rewrites = config.getGraphOptions().getRewriteOptions();
    assertEquals(RewriterConfig.Toggle.ON, rewrites.getAutoMixedPrecision());
    assertEquals(RewriterConfig.Toggle.DEFAULT, rewrites.getAutoMixedPrecisionOnednnBfloat16());
  }

  @Test
  void bf16WithoutBfloat16InstructionsIsWarnedAboutByCpuAndFlag() {
    String warning = Precision.BF16.warning(Optional.of(ZEN3)).orElseThrow();
    assertEquals("--precision bf16: this CPU (AMD EPYC 7R13 Processor) has neither amx_bf16 nor"
        + " avx512_bf16; oneDNN emulates bfloat16 here, which trains slower than float32"
        + " (--precision fp32)", warning);
    assertTrue(Precision.BF16.warning(Optional.empty()).orElseThrow()
        .contains("cannot read /proc/cpuinfo"));
    for (Cpu cpu : List.of(AMX, ZEN4)) {
      assertEquals(Optional.empty(), Precision.BF16.warning(Optional.of(cpu)), cpu.model());
    }
    assertEquals(Optional.empty(), Precision.FP32.warning(Optional.of(ZEN3)));
  }

  @Test
  void fp32IsToldOfBf16OnlyWhereTheCpuHasAmx() {
    assertEquals(Optional.of("this CPU has bfloat16 units: --precision bf16 trains about "
        + Precision.AMX_TRAINING_SPEEDUP + " x faster here"),
        Precision.FP32.hint(Optional.of(AMX)));
    assertEquals(Optional.empty(), Precision.FP32.hint(Optional.of(ZEN4)));
    assertEquals(Optional.empty(), Precision.FP32.hint(Optional.empty()));
    assertEquals(Optional.empty(), Precision.BF16.hint(Optional.of(AMX)));
  }
}
