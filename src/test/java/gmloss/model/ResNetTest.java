package gmloss.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ResNetTest {

  /**
   * He et al. (2016), Table 6: ResNet-20 has 0.27 M parameters. Counted for CIFAR (3 input
   * channels): convolutions 432 + 6 x 2,304 + 4,608 + 5 x 9,216 + 18,432 + 5 x 36,864 = 267,696;
   * 19 batch norms with scale and offset = 1,376; the 64 x 10 + 10 classifier = 650. Total
   * 269,722, the count of the reference PyTorch ResNet-20.
   */
  @Test
  void resnet20HasTheReferenceParameterCount() {
    try (Graph graph = new Graph()) {
      Parameters parameters = new Parameters(Ops.create(graph), 0);
      ResNet resnet = ResNet.builder(parameters.tf()).parameters(parameters)
          .depth(20).inputChannels(3).featureDim(0).build();
      new Dense(parameters, "classifier", resnet.featureDim(), 10);
      assertEquals(269_722, parameters.trainableCount());
      assertEquals(64, resnet.featureDim());
      // Moving mean and variance of 19 batch norms.
      assertEquals(2 * 19, parameters.statistics().size());
    }
  }

  /**
   * A 3x3 kernel that is 1 at its centre copies the pixel it is centred on. On a 4x4 image whose
   * pixel (y, x) holds 10 y + x, the stride-2 convolution must give pixels (0,0), (0,2), (2,0),
   * (2,2), exactly what the option-A shortcut takes; TensorFlow's "SAME" would give (1,1), (1,3),
   * (3,1), (3,3).
   */
  @Test
  void stridedConvolutionIsCentredOnThePixelsTheShortcutKeeps() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Parameters parameters = new Parameters(tf, 0);
      Conv conv = new Conv(parameters, "probe", 3, 1, 1, 2);
      float[][][][] image = new float[1][4][4][1];
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
          image[0][y][x][0] = 10 * y + x;
        }
      }
      float[][][][] centre = new float[3][3][1][1];
      centre[1][1][0][0] = 1;
      session.initialize();
      session.runner().addTarget(tf.assign(parameters.trainables().get(0).variable(),
          tf.constant(centre))).run();
      Operand<TFloat32> input = tf.constant(image);
      Operand<TFloat32> shortcut = tf.stridedSlice(input, Indices.all(), Indices.step(2),
          Indices.step(2), Indices.all());
      assertEquals(List.of(0f, 2f, 20f, 22f), flat(session, conv.apply(input)));
      assertEquals(flat(session, shortcut), flat(session, conv.apply(input)));
      assertEquals(List.of(11f, 13f, 31f, 33f), flat(session, tf.nn.conv2d(input,
          parameters.trainables().get(0).value(), List.of(1L, 2L, 2L, 1L), "SAME")),
          "what TensorFlow's SAME padding gives");
    }
  }

  private static List<Float> flat(Session session, Operand<TFloat32> operand) {
    List<Float> values = new ArrayList<>();
    for (float v : flatten(session, operand)) {
      values.add(v);
    }
    return values;
  }

  /**
   * ResNet-20 on 32x32x3, by hand: stem 32*32*3*16*9 = 442,368; stage 1, six 16-to-16 convolutions
   * at 32x32: 14,155,776; stages 2 and 3, one widening convolution and five others each, at 16x16
   * and 8x8: 1,179,648 + 5 * 2,359,296 = 12,976,128 each. The sum is the 40.55 M usually quoted.
   */
  @Test
  void resnet20CostsTheKnownMultiplyAdds() {
    assertEquals(40_550_400L, ResNet.convolutionMultiplyAdds(32, 32, 3, 20));
    // 28x28x1: 28*28*16*9 + 6*(28*28*16*16*9) + (14*14*16*32*9 + 5*14*14*32*32*9)
    //   + (7*7*32*64*9 + 5*7*7*64*64*9)
    long expected = 28L * 28 * 16 * 9 + 6L * 28 * 28 * 16 * 16 * 9
        + (14L * 14 * 16 * 32 * 9 + 5L * 14 * 14 * 32 * 32 * 9)
        + (7L * 7 * 32 * 64 * 9 + 5L * 7 * 7 * 64 * 64 * 9);
    assertEquals(expected, ResNet.convolutionMultiplyAdds(28, 28, 1, 20));
  }

  @Test
  void deeperNetworksFollowSixNPlusTwo() {
    assertTrue(ResNet.isValidDepth(20));
    assertTrue(ResNet.isValidDepth(56));
    assertTrue(ResNet.isValidDepth(110));
    assertFalse(ResNet.isValidDepth(18));
    assertFalse(ResNet.isValidDepth(21));
    try (Graph graph = new Graph()) {
      Parameters parameters = new Parameters(Ops.create(graph), 0);
      assertThrows(IllegalArgumentException.class, () -> ResNet.builder(parameters.tf())
          .parameters(parameters).depth(22).inputChannels(1).featureDim(0).build());
      // ResNet-32: 5 blocks per stage, 31 convolutions and batch norms.
      ResNet.builder(parameters.tf()).parameters(parameters)
          .depth(32).inputChannels(1).featureDim(0).build();
      assertEquals(2 * 31, parameters.statistics().size());
    }
  }

  @Test
  void heNormalKernelsHaveTheRightSpread() {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Initializers init = new Initializers(Ops.create(graph), 5);
      float[] values = flatten(session, init.heNormal(Shape.of(3, 3, 64, 64), 3 * 3 * 64));
      double mean = 0;
      double square = 0;
      for (float v : values) {
        mean += v;
        square += (double) v * v;
      }
      mean /= values.length;
      double std = Math.sqrt(square / values.length - mean * mean);
      assertEquals(0, mean, 0.005);
      // sqrt(2 / 576) = 0.0589: the framework's initialiser gives half of that in 1.1.0.
      assertEquals(Math.sqrt(2.0 / 576), std, 0.001);
    }
  }

  @Test
  void featuresHaveTheExpectedShapeOnBothPathsAt28And32Pixels() {
    for (int side : new int[] {28, 32}) {
      try (Graph graph = new Graph()) {
        Ops tf = Ops.create(graph);
        Parameters parameters = new Parameters(tf, 0);
        ResNet resnet = ResNet.builder(parameters.tf()).parameters(parameters)
            .depth(20).inputChannels(3).featureDim(2).build();
        float[] pixels = new float[2 * side * side * 3];
        Random random = new Random(1);
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = (float) random.nextGaussian();
        }
        try (TFloat32 images = TFloat32.tensorOf(Shape.of(2, side, side, 3),
            DataBuffers.of(pixels));
            Session session = new Session(graph)) {
          Operand<TFloat32> input = tf.constant(images);
          session.initialize();
          for (Mode mode : Mode.values()) {
            try (Result result = session.runner().fetch(resnet.features(input, mode)).run()) {
              assertEquals(Shape.of(2, 2), result.get(0).shape(), mode + " at " + side);
            }
          }
        }
      }
    }
  }

  private static float[] flatten(Session session, Operand<TFloat32> operand) {
    try (Result result = session.runner().fetch(operand).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] values = new float[(int) tensor.size()];
      tensor.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }
}
