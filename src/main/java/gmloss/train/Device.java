package gmloss.train;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.RewriterConfig;

/** Where the session runs, and the session configuration that puts it there. */
public enum Device {
  CPU, GPU, AUTO;

  /**
   * A session configuration for this device with {@code threads} threads in each of
   * TensorFlow's pools, intra-op and inter-op (0: as many as TensorFlow chooses), computing in
   * {@code precision}.
   *
   * <p>TensorFlow sizes its pools once per process, from the first session: the GPU probe
   * therefore uses the same thread settings, or it would fix the pools at TensorFlow's choice.
   *
   * @throws IllegalStateException if a GPU is required and TensorFlow sees none
   */
  public ConfigProto sessionConfig(int threads, Precision precision) {
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (threads > 0) {
      config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads);
    }
    boolean useGpu = switch (this) {
      case CPU -> false;
      case AUTO -> gpuAvailable(config.build());
      case GPU -> {
        if (!gpuAvailable(config.build())) {
          throw new IllegalStateException("--device gpu: TensorFlow sees no GPU. The GPU build"
              + " (mvn -Pgpu package) needs an NVIDIA driver, CUDA 12.x and cuDNN 9.x");
        }
        yield true;
      }
    };
    if (useGpu) {
      config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
    } else {
      config.putDeviceCount("GPU", 0);
    }
    precision.configure(config, useGpu);
    // Grappler's arithmetic optimizer makes same-seed runs differ: with it, the gradient of the
    // GM means (where the likelihood term and weight decay meet) differed in its last bit after
    // the first step in about one process in five, with one thread, oneDNN on or off and address
    // randomisation off too; without it, every run was bit for bit the same. Measured side by
    // side, training was no slower without it (docs/limits.md).
    config.getGraphOptionsBuilder().getRewriteOptionsBuilder()
        .setArithmeticOptimization(RewriterConfig.Toggle.OFF);
    return config.build();
  }

  /** Where sessions configured for this device run: "cpu" or "gpu". */
  public String actual() {
    return switch (this) {
      case CPU -> "cpu";
      case GPU -> "gpu";
      case AUTO -> gpuAvailable() ? "gpu" : "cpu";
    };
  }

  /** The probe's answer, once known: it cannot change within a process. */
  private static Boolean gpuSeen;

  /** True if an op pinned to the first GPU runs (the CPU build has no GPU kernels at all). */
  public static boolean gpuAvailable() {
    return gpuAvailable(ConfigProto.getDefaultInstance());
  }

  private static synchronized boolean gpuAvailable(ConfigProto base) {
    if (gpuSeen == null) {
      gpuSeen = probeGpu(base);
    }
    return gpuSeen;
  }

  private static boolean probeGpu(ConfigProto base) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(org.tensorflow.DeviceSpec.newBuilder()
          .deviceType(org.tensorflow.DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var probe = tf.math.add(tf.constant(1f), tf.constant(1f));
      ConfigProto strict = base.toBuilder().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, strict);
          var result = session.runner().fetch(probe).run()) {
        return result.size() == 1;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
