package gmloss.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.data.Augmentation;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The Java lines of docs/guide.md (SavedModels), on the committed model and the first
 * Fashion-MNIST test image.
 */
class ReadmeExampleTest {

  @Test
  void committedModelClassifiesTheFirstTestImageAsAnAnkleBoot() throws IOException {
    ImageSet test = DatasetKind.FASHION_MNIST
        .load(DatasetKind.FASHION_MNIST.defaultDirectory().orElseThrow(), false).test();
    float[] pixels = new float[784];
    Augmentation.copy(test, 0, pixels, 0);
    long predicted;
    // From here on, as in docs/guide.md.
    try (SavedModelBundle model = SavedModelBundle.load("savedmodels/fashion-mnist-gm-resnet20", "serve");
        TFloat32 images = TFloat32.tensorOf(Shape.of(1, 28, 28, 1), DataBuffers.of(pixels));
        Result out = model.function("serving_default").call(Map.of("images", images))) {
      predicted = ((TInt64) out.get("classes").orElseThrow()).getLong(0);
    }
    assertEquals(9, test.labels()[0]);
    assertEquals(9, predicted);
  }
}
