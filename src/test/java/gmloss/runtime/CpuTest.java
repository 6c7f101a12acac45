package gmloss.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /proc/cpuinfo as the three kinds of machine the project runs on write it. */
class CpuTest {

  /** The lines of a /proc/cpuinfo with {@code processors} processors of the given kind. */
  static List<String> cpuinfo(int processors, String vendor, String model, String flags) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < processors; i++) {
      lines.addAll(List.of("processor\t: " + i, "vendor_id\t: " + vendor, "cpu family\t: 6",
          "model\t\t: 207", "model name\t: " + model, "cpu MHz\t\t: 2100.000",
          "flags\t\t: " + flags, ""));
    }
    return lines;
  }

  static final String SAPPHIRE_RAPIDS_FLAGS = "fpu sse sse2 avx avx2 fma avx512f avx512bw"
      + " avx512_bf16 amx_bf16 amx_tile amx_int8";
  static final String ZEN4_FLAGS = "fpu sse sse2 avx avx2 fma avx512f avx512bw avx512_bf16";
  static final String ZEN3_FLAGS = "fpu sse sse2 avx avx2 fma";

  @Test
  void readsModelVendorProcessorsClockAndFlags() {
    Cpu cpu = Cpu.parse(cpuinfo(2, "GenuineIntel", "Intel(R) Xeon(R) Processor",
        SAPPHIRE_RAPIDS_FLAGS)).orElseThrow();
    assertEquals("GenuineIntel", cpu.vendor());
    assertEquals("Intel(R) Xeon(R) Processor", cpu.model());
    assertEquals("family 6 model 207", cpu.generation());
    assertEquals(2, cpu.processors());
    assertEquals(2100.0, cpu.megahertz());
    assertTrue(cpu.has("amx_tile"));
    assertFalse(cpu.has("amx"));
  }

  @Test
  void bfloat16IsInHardwareWithAmxOrAvx512Bf16Only() {
    assertTrue(Cpu.parse(cpuinfo(2, "GenuineIntel", "Xeon", SAPPHIRE_RAPIDS_FLAGS))
        .orElseThrow().hasBfloat16());
    assertTrue(Cpu.parse(cpuinfo(2, "AuthenticAMD", "AMD EPYC 9R14", ZEN4_FLAGS))
        .orElseThrow().hasBfloat16());
    assertFalse(Cpu.parse(cpuinfo(2, "AuthenticAMD", "AMD EPYC 7R13", ZEN3_FLAGS))
        .orElseThrow().hasBfloat16());
  }

  @Test
  void describesModelGenerationProcessorsAndBfloat16Units() {
    assertEquals("Intel(R) Xeon(R) Processor (family 6 model 207), 2 logical processors,"
        + " bfloat16 units: amx_bf16 avx512_bf16", Cpu.parse(cpuinfo(2, "GenuineIntel",
            "Intel(R) Xeon(R) Processor", SAPPHIRE_RAPIDS_FLAGS)).orElseThrow().describe());
    assertEquals("AMD EPYC 7R13 Processor (family 6 model 207), 1 logical processor, no"
        + " bfloat16 units", Cpu.parse(cpuinfo(1, "AuthenticAMD", "AMD EPYC 7R13 Processor",
            ZEN3_FLAGS)).orElseThrow().describe());
    assertEquals("unknown CPU, 1 logical processor, no bfloat16 units",
        Cpu.parse(List.of("processor\t: 0", "")).orElseThrow().describe());
  }

  @Test
  void noProcessorMeansNoCpu() {
    assertEquals(Optional.empty(), Cpu.parse(List.of("Features\t: fp asimd", "")));
  }
}
