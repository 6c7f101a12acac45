package gmloss.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Cuts an image set into batches of tensors on a background thread, so that the session never
 * waits for Java-side work.
 *
 * <p>Training order: a fresh permutation every epoch drawn from the seed and the epoch number, and
 * the last incomplete batch dropped (a tiny batch makes poor batch-norm statistics). Evaluation
 * order: the set as stored, every image once.
 */
public final class BatchLoader {

  private static final int PREFETCH = 3;

  private final ImageSet set;
  private final int batchSize;
  private final Augmentation augmentation;
  private final boolean training;
  private final long seed;

  private BatchLoader(ImageSet set, int batchSize, Augmentation augmentation, boolean training,
      long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.set = set;
    this.batchSize = batchSize;
    this.augmentation = augmentation;
    this.training = training;
    this.seed = seed;
  }

  /** Shuffled batches, augmented unless {@code augmentation} is null. */
  public static BatchLoader training(ImageSet set, int batchSize, Augmentation augmentation,
      long seed) {
    if (set.size() < batchSize) {
      throw new IllegalArgumentException("training set has " + set.size()
          + " images, fewer than one batch of " + batchSize);
    }
    return new BatchLoader(set, batchSize, augmentation, true, seed);
  }

  /** Every image once, in order, unaugmented. */
  public static BatchLoader evaluation(ImageSet set, int batchSize) {
    return new BatchLoader(set, batchSize, null, false, 0);
  }

  /**
   * Gives {@code each} every image of {@code set} once, in order, unaugmented, in batches of
   * {@code batchSize}; each batch is closed after the call. The one loop that evaluation,
   * prediction and detection run over a set.
   */
  public static void inOrder(ImageSet set, int batchSize, Consumer<Batch> each) {
    try (Stream batches = evaluation(set, batchSize).epoch(0)) {
      while (batches.hasNext()) {
        try (Batch batch = batches.next()) {
          each.accept(batch);
        }
      }
    }
  }

  public int batchesPerEpoch() {
    return training ? set.size() / batchSize : (set.size() + batchSize - 1) / batchSize;
  }

  /** The order in which epoch {@code epoch} visits the images. */
  int[] order(int epoch) {
    int[] order = new int[set.size()];
    Arrays.setAll(order, i -> i);
    if (training) {
      Random random = epochRandom(epoch);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }
    return order;
  }

  private Random epochRandom(int epoch) {
    return new Random(seed * 0x9E3779B97F4A7C15L + epoch);
  }

  /** Starts producing the batches of one epoch. Close the stream to stop early. */
  public Stream epoch(int epoch) {
    return epoch(epoch, 0);
  }

  /**
   * Starts producing the batches of one epoch from batch {@code firstBatch} on: exactly the
   * batches, augmentation included, that a stream of the whole epoch gives after its first
   * {@code firstBatch}. A resumed run continues mid-epoch with this.
   */
  public Stream epoch(int epoch, int firstBatch) {
    if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
      throw new IllegalArgumentException("batch " + firstBatch + " is outside epoch of "
          + batchesPerEpoch() + " batches");
    }
    return new Stream(epoch, firstBatch);
  }

  /** The batches of one epoch, produced ahead on a daemon thread. */
  public final class Stream implements Iterator<Batch>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
    private final Thread producer;
    private final int total;
    // Written by the producer thread only; each batch's tensors get a copy.
    private final float[] pixels = new float[batchSize * set.imageSize()];
    private final int[] labels = new int[batchSize];
    private int taken;
    private volatile boolean closed;
    private int freedOnClose;

    private Stream(int epoch, int firstBatch) {
      total = batchesPerEpoch();
      taken = firstBatch;
      producer = new Thread(() -> produce(epoch, firstBatch), "batch-loader");
      producer.setDaemon(true);
      producer.start();
    }

    private void produce(int epoch, int firstBatch) {
      try {
        int[] order = order(epoch);
        // A separate stream of random numbers for augmentation keeps the order independent of it.
        Random random = new Random(epochRandom(epoch).nextLong() ^ 0x5DEECE66DL);
        skip(order, firstBatch, random);
        for (int b = firstBatch; b < total && !closed; b++) {
          Batch batch = build(order, b * batchSize,
              Math.min(batchSize, order.length - b * batchSize), random);
          if (!offer(batch)) {
            batch.close();
            return;
          }
        }
        offer(END);
      } catch (RuntimeException | Error e) {
        offer(e);
      }
    }

    /**
     * Hands {@code item} to the queue; false when interrupted first. A batch handed over belongs
     * to the consumer or, if still queued, to {@link #close()}, even when the stream has been
     * closed meanwhile: the consumer may be using it.
     */
    private boolean offer(Object item) {
      try {
        queue.put(item);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Draws the augmentation of the first {@code batches} batches, so that the rest match. */
    private void skip(int[] order, int batches, Random random) {
      if (augmentation == null || batches == 0) {
        return;
      }
      float[] scratch = new float[set.imageSize()];
      for (int i = 0; i < batches * batchSize; i++) {
        augmentation.apply(set, order[i], scratch, 0, random);
      }
    }

    /**
     * Fills the producer's one pixel and label array and copies them into new tensors: reusing
     * the arrays keeps the Java heap from cycling through a batch of garbage every step, which
     * would otherwise raise resident memory until the whole young generation has been touched.
     */
    private Batch build(int[] order, int start, int count, Random random) {
      int imageSize = set.imageSize();
      for (int i = 0; i < count; i++) {
        int index = order[start + i];
        if (augmentation != null) {
          augmentation.apply(set, index, pixels, i * imageSize, random);
        } else {
          Augmentation.copy(set, index, pixels, i * imageSize);
        }
        labels[i] = set.labels()[index];
      }
      Shape shape = Shape.of(count, set.height(), set.width(), set.channels());
      TFloat32 images = TFloat32.tensorOf(shape,
          DataBuffers.of(pixels, true, false).narrow((long) count * imageSize));
      try {
        return new Batch(images,
            TInt32.tensorOf(Shape.of(count), DataBuffers.of(labels, true, false).narrow(count)),
            count);
      } catch (RuntimeException e) {
        images.close();
        throw e;
      }
    }

    @Override
    public boolean hasNext() {
      return !closed && taken < total;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a batch", e);
      }
      if (item instanceof RuntimeException e) {
        throw e;
      }
      if (item instanceof Error e) {
        throw e;
      }
      taken++;
      return (Batch) item;
    }

    /** Stops the producer and frees every batch it made that was not taken. */
    @Override
    public void close() {
      closed = true;
      producer.interrupt();
      try {
        producer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Object item : queue) {
        if (item instanceof Batch batch) {
          batch.close();
          freedOnClose++;
        }
      }
      queue.clear();
    }

    /** Batches produced ahead and waiting to be taken. */
    int queued() {
      return queue.size();
    }

    /** Whether the producing thread still runs. */
    boolean producerAlive() {
      return producer.isAlive();
    }

    /** Batches produced ahead but never taken, which {@link #close()} freed. */
    int freedOnClose() {
      return freedOnClose;
    }
  }
}
