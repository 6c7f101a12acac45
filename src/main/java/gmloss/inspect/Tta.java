package gmloss.inspect;

import gmloss.data.Batch;
import java.util.List;

/**
 * Test-time augmentation: what a model is shown of each image. Its figures are reported beside
 * the plain ones, never instead of them; a model card records the plain figure.
 */
public enum Tta {
  /** The image alone. */
  NONE,
  /**
   * The image and its mirror (flipped left to right, as training's augmentation flips), their
   * logits averaged; see {@link LoadedModel.Predictions#meanWith}.
   */
  FLIP;

  /** What {@code model} says about a batch of images under this augmentation. */
  public LoadedModel.Predictions predict(LoadedModel model, Batch batch) {
    if (this == NONE) {
      return model.predict(batch.images());
    }
    float[] pixels = new float[(int) batch.images().size()];
    batch.images().asRawTensor().data().asFloats().read(pixels);
    return predict(model, pixels, batch.size());
  }

  /** What {@code model} says about {@code count} raw NHWC images under this augmentation. */
  public LoadedModel.Predictions predict(LoadedModel model, float[] pixels, int count) {
    LoadedModel.Predictions plain = model.predict(pixels, count);
    if (this == NONE) {
      return plain;
    }
    return plain.meanWith(model.predict(mirrored(pixels, count, model.imageShape()), count));
  }

  /** {@code count} NHWC images of {@code shape} (height, width, channels), each flipped. */
  static float[] mirrored(float[] pixels, int count, List<Integer> shape) {
    int height = shape.get(0);
    int width = shape.get(1);
    int channels = shape.get(2);
    float[] flipped = new float[pixels.length];
    for (int row = 0; row < count * height; row++) {
      for (int x = 0; x < width; x++) {
        System.arraycopy(pixels, (row * width + x) * channels, flipped,
            (row * width + width - 1 - x) * channels, channels);
      }
    }
    return flipped;
  }
}
