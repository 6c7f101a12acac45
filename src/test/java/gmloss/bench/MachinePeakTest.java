package gmloss.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.runtime.Cpu;
import gmloss.train.Precision;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nominal peak knows the vector width, the FMA units and the bfloat16 units. */
class MachinePeakTest {

  private static MachinePeak peak(String vendor, String... flags) {
    return MachinePeak.of(new Cpu(vendor, "test CPU", "", 2, 2000, Set.of(flags))).orElseThrow();
  }

  @Test
  void intelAvx512WithAmxDoes64Float32And1024Bfloat16OperationsPerCycle() {
    MachinePeak amx = peak("GenuineIntel", "avx", "avx2", "fma", "avx512f", "avx512_bf16",
        "amx_bf16");
    assertEquals(64, amx.perCycle(Precision.FP32));
    assertEquals(1024, amx.perCycle(Precision.BF16));
    assertEquals("AMX", amx.bf16Units());
    // 2 processors x 2000 MHz x 64
    assertEquals(256.0, amx.gigaflops(Precision.FP32), 1e-9);
    assertEquals(4096.0, amx.gigaflops(Precision.BF16), 1e-9);
  }

  @Test
  void zen4SplitsAvx512OverTwo256BitUnits() {
    MachinePeak zen4 = peak("AuthenticAMD", "avx", "avx2", "fma", "avx512f", "avx512_bf16");
    assertEquals(32, zen4.perCycle(Precision.FP32));
    assertEquals(64, zen4.perCycle(Precision.BF16));
    assertEquals("AVX512_BF16", zen4.bf16Units());
  }

  @Test
  void withoutBfloat16UnitsBothPrecisionsHaveTheFloat32Peak() {
    MachinePeak zen3 = peak("AuthenticAMD", "avx", "avx2", "fma");
    assertEquals(32, zen3.perCycle(Precision.FP32));
    assertEquals(32, zen3.perCycle(Precision.BF16));
    assertEquals(16, peak("GenuineIntel", "avx").perCycle(Precision.FP32));
    assertEquals(8, peak("GenuineIntel", "sse2").perCycle(Precision.FP32));
  }
}
