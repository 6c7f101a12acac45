package gmloss.data;

import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** One batch as tensors ready to feed: raw pixel values (NHWC, 0..255) and labels. */
public record Batch(TFloat32 images, TInt32 labels, int size) implements AutoCloseable {

  @Override
  public void close() {
    images.close();
    labels.close();
  }
}
