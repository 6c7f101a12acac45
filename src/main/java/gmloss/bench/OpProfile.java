package gmloss.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where a step's time goes: kernel time per op type, summed over every thread, from the step
 * statistics TensorFlow records for a traced session call. Op types are the ones that ran, after
 * graph rewrites (oneDNN's {@code _MklNativeConv2D}, for example), so that two implementations of
 * one network can be compared kernel by kernel.
 */
public final class OpProfile {

  /** Session run options that record the step statistics this reads. */
  public static final RunOptions TRACE = RunOptions.newBuilder()
      .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

  private final Map<String, Long> micros = new HashMap<>();
  private int steps;

  /** Adds the kernels of one traced step. */
  public void add(RunMetadata metadata) {
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        micros.merge(opType(node), node.getOpEndRelMicros() - node.getOpStartRelMicros(),
            Long::sum);
      }
    }
    steps++;
  }

  public int steps() {
    return steps;
  }

  /** Milliseconds of kernel time per step for each op type, the largest first. */
  public Map<String, Double> millisPerStep() {
    Map<String, Double> perStep = new LinkedHashMap<>();
    micros.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> perStep.put(e.getKey(), e.getValue() / 1000.0 / steps));
    return perStep;
  }

  /**
   * The op type from a node's timeline label, "name = Type(inputs)"; nodes without one (the
   * executor's own bookkeeping) go by their node name.
   */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int equals = label.indexOf(" = ");
    if (equals < 0) {
      return node.getNodeName();
    }
    int start = equals + 3;
    int paren = label.indexOf('(', start);
    return label.substring(start, paren < 0 ? label.length() : paren);
  }
}
