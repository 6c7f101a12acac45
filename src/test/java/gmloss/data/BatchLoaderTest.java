package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

  /** Ten 2x2 grey images whose pixels all equal the image index, labels = index % 3. */
  private static ImageSet tenImages() {
    byte[] pixels = new byte[10 * 4];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) i);
      labels[i] = i % 3;
    }
    return new ImageSet(pixels, labels, 2, 2, 1);
  }

  private static List<Integer> imagesOfEpoch(BatchLoader loader, int epoch) {
    List<Integer> seen = new ArrayList<>();
    try (BatchLoader.Stream stream = loader.epoch(epoch)) {
      while (stream.hasNext()) {
        try (Batch batch = stream.next()) {
          assertEquals(batch.size(), batch.images().shape().get(0));
          assertEquals(batch.size(), batch.labels().shape().get(0));
          for (int i = 0; i < batch.size(); i++) {
            int image = (int) batch.images().getFloat(i, 0, 0, 0);
            seen.add(image);
            assertEquals(image % 3, batch.labels().getInt(i));
          }
        }
      }
    }
    return seen;
  }

  @Test
  void trainingDropsTheIncompleteBatchAndShufflesBySeedAndEpoch() {
    BatchLoader loader = BatchLoader.training(tenImages(), 4, null, 7);
    assertEquals(2, loader.batchesPerEpoch());

    List<Integer> epoch0 = imagesOfEpoch(loader, 0);
    assertEquals(8, epoch0.size());
    assertEquals(8, epoch0.stream().distinct().count());
    assertEquals(epoch0, imagesOfEpoch(BatchLoader.training(tenImages(), 4, null, 7), 0));
    assertNotEquals(epoch0, imagesOfEpoch(loader, 1));
    assertNotEquals(epoch0, imagesOfEpoch(BatchLoader.training(tenImages(), 4, null, 8), 0));
  }

  @Test
  void evaluationVisitsEveryImageOnceInOrder() {
    BatchLoader loader = BatchLoader.evaluation(tenImages(), 4);
    assertEquals(3, loader.batchesPerEpoch());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), imagesOfEpoch(loader, 0));
  }

  @Test
  void batchesHeldPastTheEndOfTheirStreamKeepTheirOwnImages() {
    // The producer hands out the last batch just before the consumer closes the stream; it must
    // not free it then. The race is narrow, so the epoch is repeated.
    BatchLoader loader = BatchLoader.evaluation(tenImages(), 3);
    for (int repeat = 0; repeat < 50; repeat++) {
      List<Batch> held = new ArrayList<>();
      try (BatchLoader.Stream stream = loader.epoch(0)) {
        while (stream.hasNext()) {
          held.add(stream.next());
        }
      }
      try {
        for (int b = 0; b < held.size(); b++) {
          for (int i = 0; i < held.get(b).size(); i++) {
            assertEquals(3 * b + i, (int) held.get(b).images().getFloat(i, 1, 1, 0));
            assertEquals((3 * b + i) % 3, held.get(b).labels().getInt(i));
          }
        }
      } finally {
        held.forEach(Batch::close);
      }
    }
  }

  @Test
  void closingEarlyStopsTheProducerAndFreesWhatItQueued() throws InterruptedException {
    BatchLoader loader = BatchLoader.training(tenImages(), 1, null, 1);
    BatchLoader.Stream stream = loader.epoch(0);
    try (Batch first = stream.next()) {
      assertEquals(1, first.size());
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (stream.queued() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(3, stream.queued(), "the producer runs ahead by three batches");
    assertTrue(stream.producerAlive(), "the producer waits for room in the queue");
    stream.close();
    assertFalse(stream.producerAlive(), "close() waits for the producer to end");
    assertEquals(3, stream.freedOnClose());
    assertEquals(0, stream.queued());
    assertFalse(stream.hasNext());
  }

  @Test
  void anEpochStartedMidwayGivesTheSameBatchesAsTheWholeEpoch() {
    Random random = new Random(4);
    byte[] pixels = new byte[40 * 6 * 6 * 3];
    random.nextBytes(pixels);
    ImageSet set = new ImageSet(pixels, random.ints(40, 0, 5).toArray(), 6, 6, 3);
    Augmentation augmentation = new Augmentation(2, true);
    List<float[]> whole = pixelsOfEpoch(BatchLoader.training(set, 4, augmentation, 9), 2, 0);
    List<float[]> fromSix = pixelsOfEpoch(BatchLoader.training(set, 4, augmentation, 9), 2, 6);
    assertEquals(10, whole.size());
    assertEquals(4, fromSix.size());
    for (int b = 0; b < fromSix.size(); b++) {
      assertArrayEquals(whole.get(6 + b), fromSix.get(b), 0f, "batch " + (6 + b));
    }
    assertThrows(IllegalArgumentException.class,
        () -> BatchLoader.training(set, 4, augmentation, 9).epoch(0, 11));
  }

  private static List<float[]> pixelsOfEpoch(BatchLoader loader, int epoch, int firstBatch) {
    List<float[]> batches = new ArrayList<>();
    try (BatchLoader.Stream stream = loader.epoch(epoch, firstBatch)) {
      while (stream.hasNext()) {
        try (Batch batch = stream.next()) {
          float[] pixels = new float[(int) batch.images().size()];
          batch.images().asRawTensor().data().asFloats().read(pixels);
          batches.add(pixels);
        }
      }
    }
    return batches;
  }

  @Test
  void trainingSetSmallerThanABatchIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> BatchLoader.training(tenImages(), 11, null, 1));
  }

  @Test
  void augmentationShiftsWithZeroPaddingAndMirrors() {
    // One 3x3 RGB image whose pixel (y, x, c) is 1 + 9c + 3y + x.
    byte[] pixels = new byte[27];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        for (int c = 0; c < 3; c++) {
          pixels[(y * 3 + x) * 3 + c] = (byte) (1 + 9 * c + 3 * y + x);
        }
      }
    }
    ImageSet set = new ImageSet(pixels, new int[] {0}, 3, 3, 3);
    Augmentation augmentation = new Augmentation(1, true);
    boolean sawMirror = false;
    boolean sawShift = false;
    Random random = new Random(3);
    float[] out = new float[27];
    for (int trial = 0; trial < 200; trial++) {
      // The loader reuses its array: every value, padding included, must be written.
      Arrays.fill(out, -1f);
      augmentation.apply(set, 0, out, 0, random);
      // Find the transform that produced this output among all 18 candidates.
      int matches = 0;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          for (boolean mirror : new boolean[] {false, true}) {
            if (Arrays.equals(out, expected(dy, dx, mirror))) {
              matches++;
              sawMirror |= mirror && dx == 0 && dy == 0;
              sawShift |= dx != 0 || dy != 0;
            }
          }
        }
      }
      assertEquals(1, matches, "output is not one pad-crop-flip of the image");
    }
    assertEquals(true, sawMirror);
    assertEquals(true, sawShift);
    float[] copy = new float[27];
    Augmentation.copy(set, 0, copy, 0);
    assertArrayEquals(expected(0, 0, false), copy);
  }

  private static float[] expected(int dy, int dx, boolean mirror) {
    float[] out = new float[27];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        int sy = y + dy;
        int sx = (mirror ? 2 - x : x) + dx;
        for (int c = 0; c < 3; c++) {
          boolean inside = sy >= 0 && sy < 3 && sx >= 0 && sx < 3;
          out[(y * 3 + x) * 3 + c] = inside ? 1 + 9 * c + 3 * sy + sx : 0;
        }
      }
    }
    return out;
  }

  @Test
  void channelStatisticsArePerChannel() {
    byte[] pixels = {0, 10, (byte) 200, 10, 0, 10};
    ChannelStatistics stats = ChannelStatistics.of(new ImageSet(pixels, new int[] {0, 1}, 1, 1,
        3));
    assertArrayEquals(new float[] {5f, 5f, 105f}, stats.mean(), 1e-5f);
    assertArrayEquals(new float[] {5f, 5f, 95f}, stats.std(), 1e-4f);
  }
}
