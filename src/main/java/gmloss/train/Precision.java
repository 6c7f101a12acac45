package gmloss.train;

import gmloss.runtime.Cpu;
import java.util.Locale;
import java.util.Optional;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/**
 * The arithmetic a session computes in. Variables, checkpoints and SavedModels stay float32
 * either way: bfloat16 is a rewrite of the session's graph (TensorFlow's auto mixed precision),
 * which casts the inputs of convolutions, matrix products and their gradients to bfloat16 and
 * their results back, so the model a bf16 run exports is the same float32 graph as any other.
 */
public enum Precision {
  /** float32 throughout, as Keras and PyTorch default to. */
  FP32,
  /**
   * bfloat16 arithmetic with float32 weights: on a CPU, oneDNN's bfloat16 rewrite (AMX tiles or
   * AVX-512 BF16 instructions); on a GPU, TensorFlow's GPU mixed precision (untested here).
   */
  BF16;

  /**
   * How much faster a CIFAR-shape ResNet-20 trains in bf16 than in float32 on a CPU with AMX,
   * measured side by side on a 2-core Xeon (docs/results/speed.md).
   */
  static final double AMX_TRAINING_SPEEDUP = 1.6;

  /** Turns this precision's rewrite on in {@code config} for a session on a GPU or a CPU. */
  void configure(ConfigProto.Builder config, boolean gpu) {
    if (this == FP32) {
      return;
    }
    RewriterConfig.Builder rewrites = config.getGraphOptionsBuilder().getRewriteOptionsBuilder();
    if (gpu) {
      rewrites.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
    } else {
      rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    }
  }

  /**
   * A warning for a bf16 session on {@code cpu} when the CPU has no bfloat16 instructions:
   * oneDNN then emulates them, which is slower than float32.
   *
   * @param cpu the machine's CPU, empty when it cannot be read
   */
  public Optional<String> warning(Optional<Cpu> cpu) {
    if (this != BF16) {
      return Optional.empty();
    }
    if (cpu.isEmpty()) {
      return Optional.of("--precision bf16: cannot read " + Cpu.CPUINFO + " to tell whether"
          + " this CPU has bfloat16 instructions (" + Cpu.AMX_BF16 + " or " + Cpu.AVX512_BF16
          + "); without them oneDNN emulates bfloat16, which is slower than float32");
    }
    if (cpu.get().hasBfloat16()) {
      return Optional.empty();
    }
    return Optional.of("--precision bf16: this CPU (" + cpu.get().model() + ") has neither "
        + Cpu.AMX_BF16 + " nor " + Cpu.AVX512_BF16 + "; oneDNN emulates bfloat16 here, which"
        + " trains slower than float32 (--precision fp32)");
  }

  /** The hint a float32 training gives on a CPU with AMX, where bf16 is much faster. */
  public Optional<String> hint(Optional<Cpu> cpu) {
    return this == FP32 && cpu.map(c -> c.has(Cpu.AMX_BF16)).orElse(false)
        ? Optional.of(String.format(Locale.ROOT, "this CPU has bfloat16 units: --precision bf16"
            + " trains about %.1f x faster here", AMX_TRAINING_SPEEDUP))
        : Optional.empty();
  }
}
