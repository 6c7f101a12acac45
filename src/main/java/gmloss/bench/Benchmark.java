package gmloss.bench;

import gmloss.data.Augmentation;
import gmloss.data.Batch;
import gmloss.data.BatchLoader;
import gmloss.data.ChannelStatistics;
import gmloss.data.ImageSet;
import gmloss.export.SavedModelExporter;
import gmloss.export.Signatures;
import gmloss.io.Memory;
import gmloss.loss.HeadType;
import gmloss.model.ResNet;
import gmloss.network.ModelSpec;
import gmloss.network.NetworkTypes;
import gmloss.train.Device;
import gmloss.train.OptimizerSpec;
import gmloss.train.Precision;
import gmloss.train.StepFeed;
import gmloss.train.StepValues;
import gmloss.train.TrainingGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * Times the training step and the inference of a ResNet with the GM or softmax head, as the
 * {@code train} command runs them: the same graph, optimizer (Nesterov momentum 0.9, weight
 * decay 5e-4), batch loader with augmentation on a background thread, and, for inference, a
 * SavedModel called through its serving signature. The images are seeded random pixels: speed
 * does not depend on what they show.
 */
public final class Benchmark {

  /**
   * @param warmup untimed steps first (graph optimisation, allocation, caches)
   * @param steps timed steps
   * @param profileSteps traced training steps after the timed ones, for {@link OpProfile}
   */
  public record Config(int depth, HeadType head, int height, int width, int channels,
      int classes, int batchSize, int threads, Device device, Precision precision, int warmup,
      int steps, int profileSteps, long seed) {}

  /**
   * Median and spread of a step time, in seconds.
   *
   * @param p10 10th percentile
   * @param p90 90th percentile
   */
  public record Timing(double median, double p10, double p90, double imagesPerSecond) {

    static Timing of(List<Double> seconds, int batchSize) {
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double total = Arrays.stream(sorted).sum();
      return new Timing(percentile(sorted, 0.5), percentile(sorted, 0.1),
          percentile(sorted, 0.9), sorted.length * batchSize / total);
    }

    private static double percentile(double[] sorted, double share) {
      double at = share * (sorted.length - 1);
      int low = (int) Math.floor(at);
      int high = Math.min(low + 1, sorted.length - 1);
      return sorted[low] + (at - low) * (sorted[high] - sorted[low]);
    }
  }

  /**
   * @param inputWaitShare share of the timed training time spent waiting for the next batch
   * @param rssAfterWarmupMiB resident memory once the warm-up steps are done
   * @param rssSamplesMiB resident memory after each tenth of the timed training steps
   * @param rssEndMiB resident memory after the timed steps, the training session closed
   * @param multiplyAddsPerImage of the convolutions, for one image's forward pass
   * @param opMillisPerStep kernel time of a training step by op type, the largest first; empty
   *     unless profiled
   */
  public record Measurement(Config config, Timing training, Timing inference, double inputWaitShare,
      long rssAfterWarmupMiB, List<Long> rssSamplesMiB, long rssEndMiB, long peakRssMiB, String device,
      long multiplyAddsPerImage, Map<String, Double> opMillisPerStep) {

    /** Floating-point operations per second of training: about 3 forward passes per image. */
    public double trainingFlops() {
      return 6.0 * multiplyAddsPerImage * training.imagesPerSecond();
    }

    public double inferenceFlops() {
      return 2.0 * multiplyAddsPerImage * inference.imagesPerSecond();
    }
  }

  /**
   * The rate and hyper-parameters of every timed step: 0.1 for each hyper-parameter, and a rate
   * small enough that random labels do not make the loss diverge. Speed does not depend on them.
   */
  private static StepValues stepValues(HeadType head) {
    Map<String, Float> values = new LinkedHashMap<>();
    head.hyperParameters().forEach(p -> values.put(p.name(), 0.1f));
    return new StepValues(0.01f, values);
  }

  private Benchmark() {}

  /** The model the benchmark times, as {@code train} would build it for such images. */
  public static ModelSpec spec(Config config) {
    float[] mean = new float[config.channels()];
    float[] std = new float[config.channels()];
    Arrays.fill(mean, 127.5f);
    Arrays.fill(std, 64f);
    List<String> classNames = IntStream.range(0, config.classes())
        .mapToObj(k -> "class" + k).toList();
    return new ModelSpec(config.height(), config.width(), config.channels(), classNames,
        NetworkTypes.RESNET.name(), config.depth(), 0, config.head().name(), config.head().defaultStructure(),
        new ChannelStatistics(mean, std));
  }

  /**
   * Runs the training benchmark, then writes the model to {@code savedModel} and runs the
   * inference benchmark on it.
   */
  public static Measurement run(Config config, Path savedModel) throws IOException {
    ModelSpec spec = spec(config);
    ImageSet images = randomImages(config);
    List<Double> trainSeconds = new ArrayList<>();
    List<Long> rssSamples = new ArrayList<>();
    int sampleEvery = Math.max(1, config.steps() / 10);
    double waited = 0;
    long rssAfterWarmup;
    OpProfile profile = new OpProfile();
    String device = config.device().actual();
    try (Graph graph = new Graph()) {
      TrainingGraph model = new TrainingGraph(graph, spec,
          new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.9f, true, 5e-4f, false, 1f, true),
          config.seed());
      try (Session session = new Session(graph,
          config.device().sessionConfig(config.threads(), config.precision()))) {
        session.initialize();
        BatchLoader loader = BatchLoader.training(images, config.batchSize(),
            new Augmentation(Augmentation.DEFAULT_PADDING, true), config.seed());
        StepValues values = stepValues(config.head());
        int timedEnd = config.warmup() + config.steps();
        int total = timedEnd + config.profileSteps();
        rssAfterWarmup = -1;
        for (int epoch = 0, step = 0; step < total; epoch++) {
          try (BatchLoader.Stream batches = loader.epoch(epoch)) {
            while (batches.hasNext() && step < total) {
              long start = System.nanoTime();
              try (Batch batch = batches.next();
                  StepFeed feed = new StepFeed(model, values, step + 1)) {
                long fed = System.nanoTime();
                Session.Runner runner = feed.runner(session, batch);
                if (step >= timedEnd) {
                  try (Result result = runner.setOptions(OpProfile.TRACE).runAndFetchMetadata()) {
                    profile.add(result.getMetadata().orElseThrow());
                  }
                } else {
                  try (Result result = runner.run()) {
                    result.get(0);
                  }
                }
                if (step >= config.warmup() && step < timedEnd) {
                  trainSeconds.add((System.nanoTime() - start) / 1e9);
                  waited += (fed - start) / 1e9;
                }
              }
              step++;
              if (step == config.warmup()) {
                rssAfterWarmup = Memory.residentMiB();
              } else if (step > config.warmup() && step <= timedEnd
                  && (step - config.warmup()) % sampleEvery == 0) {
                rssSamples.add(Memory.residentMiB());
              }
            }
          }
        }
      }
    }
    long rssEnd = Memory.residentMiB();
    SavedModelExporter.exportUntrained(spec, config.seed(), savedModel);
    Timing inference = inference(config, images, savedModel);
    double trainTotal = trainSeconds.stream().mapToDouble(Double::doubleValue).sum();
    return new Measurement(config, Timing.of(trainSeconds, config.batchSize()), inference,
        waited / trainTotal, rssAfterWarmup, rssSamples, rssEnd, Memory.peakResidentMiB(), device,
        ResNet.convolutionMultiplyAdds(config.height(), config.width(), config.channels(),
            config.depth()), profile.millisPerStep());
  }

  /** Calls the serving signature on batches of unaugmented images, as a user would. */
  private static Timing inference(Config config, ImageSet images, Path savedModel) {
    List<Double> seconds = new ArrayList<>();
    try (SavedModelBundle bundle = SavedModelBundle.loader(savedModel.toString())
        .withTags("serve").withConfigProto(config.device().sessionConfig(config.threads(), config.precision()))
        .load()) {
      int total = config.warmup() + config.steps();
      for (int epoch = 0, step = 0; step < total; epoch++) {
        try (BatchLoader.Stream batches = BatchLoader.evaluation(images, config.batchSize())
            .epoch(epoch)) {
          while (batches.hasNext() && step < total) {
            try (Batch batch = batches.next()) {
              if (batch.size() < config.batchSize()) {
                continue;
              }
              long start = System.nanoTime();
              try (Result result = bundle.function(Signatures.SERVING)
                  .call(Map.of(Signatures.INPUT, (Tensor) batch.images()))) {
                result.get("classes").orElseThrow();
              }
              if (step >= config.warmup()) {
                seconds.add((System.nanoTime() - start) / 1e9);
              }
              step++;
            }
          }
        }
      }
    }
    return Timing.of(seconds, config.batchSize());
  }

  /** Enough seeded random images for 20 batches, so that the loader shuffles and loops. */
  private static ImageSet randomImages(Config config) {
    int count = 20 * config.batchSize();
    byte[] pixels = new byte[count * config.height() * config.width() * config.channels()];
    Random random = new Random(config.seed());
    random.nextBytes(pixels);
    int[] labels = random.ints(count, 0, config.classes()).toArray();
    return new ImageSet(pixels, labels, config.height(), config.width(), config.channels());
  }
}
