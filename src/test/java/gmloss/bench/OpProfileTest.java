package gmloss.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;

/** Kernel time is summed by op type over threads and divided by the traced steps. */
class OpProfileTest {

  private static NodeExecStats node(String name, String label, long start, long end) {
    return NodeExecStats.newBuilder().setNodeName(name).setTimelineLabel(label)
        .setOpStartRelMicros(start).setOpEndRelMicros(end).build();
  }

  private static RunMetadata step(NodeExecStats... nodes) {
    return RunMetadata.newBuilder().setStepStats(StepStats.newBuilder().addDevStats(
        DeviceStepStats.newBuilder().setDevice("/cpu:0").addAllNodeStats(List.of(nodes))))
        .build();
  }

  @Test
  void sumsByOpTypeLargestFirst() {
    OpProfile profile = new OpProfile();
    profile.add(step(node("conv1", "conv1 = _MklNativeConv2D(x, w)", 10, 1010),
        node("conv2", "conv2 = _MklNativeConv2D(conv1, w2)", 0, 3000),
        node("relu", "relu = Relu(conv2)", 5, 505),
        node("_SOURCE", "", 0, 2)));
    profile.add(step(node("conv1", "conv1 = _MklNativeConv2D(x, w)", 0, 2000),
        node("relu", "relu = Relu(conv2)", 0, 1500)));
    assertEquals(2, profile.steps());
    Map<String, Double> perStep = profile.millisPerStep();
    assertEquals(List.of("_MklNativeConv2D", "Relu", "_SOURCE"), List.copyOf(perStep.keySet()));
    assertEquals(3.0, perStep.get("_MklNativeConv2D"), 1e-12);
    assertEquals(1.0, perStep.get("Relu"), 1e-12);
    assertEquals(0.001, perStep.get("_SOURCE"), 1e-12);
  }
}
