package gmloss.train;

import gmloss.loss.ClassCentres;
import gmloss.loss.CrossEntropy;
import gmloss.loss.HyperParameter;
import gmloss.loss.LossTerms;
import gmloss.loss.LossWeights;
import gmloss.model.Mode;
import gmloss.model.Parameters;
import gmloss.network.Inference;
import gmloss.network.ModelSpec;
import gmloss.network.Network;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * The graph of a training run: the network's training path with its loss and the optimizer step,
 * and its inference path for evaluation. Learning rate, the head's hyper-parameters and the step
 * number are fed at every step, so that schedules live in Java and the graph never changes.
 */
public final class TrainingGraph {

  public final Placeholder<TFloat32> images;
  public final Placeholder<TInt32> labels;
  public final Placeholder<TFloat32> learningRate;
  /** One scalar per hyper-parameter of the head, by name, in the head's order. */
  public final Map<String, Placeholder<TFloat32>> hyperParameters;
  public final Placeholder<TFloat32> step;

  /** Loss of the batch without weight decay, and its parts. */
  public final LossTerms loss;
  /** Number of training images classified correctly by margin-free logits. */
  public final Operand<TInt32> trainCorrect;
  /** Updates weights and batch-norm statistics. */
  public final Op trainStep;

  /** Inference path of {@link #images}. */
  public final Inference inference;
  /** Sum over the batch of the cross entropy of the inference logits. */
  public final Operand<TFloat32> evalCrossEntropySum;
  /** Number of images the inference path classifies correctly. */
  public final Operand<TInt32> evalCorrect;
  /** Heads with class centres: each image's 1/2 squared distance to its own class's centre. */
  public final Optional<Operand<TFloat32>> evalOwnDistance;
  /** The class centres of heads that have them, [classes, features]. */
  public final Optional<Operand<TFloat32>> centres;
  /** The positive variances of the class Gaussians, when the head learns them. */
  public final Optional<Operand<TFloat32>> variances;
  /** Whether every weight and batch-norm statistic is a finite number. */
  public final Operand<TBool> allFinite;

  private final Network network;

  public TrainingGraph(Graph graph, ModelSpec spec, OptimizerSpec optimizerSpec, long seed) {
    Ops tf = Ops.create(graph);
    Shape imageShape = Shape.of(-1, spec.height(), spec.width(), spec.channels());
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(imageShape));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    learningRate = scalar(tf, "learning_rate");
    Map<String, Placeholder<TFloat32>> scalars = new LinkedHashMap<>();
    for (HyperParameter parameter : spec.headType().hyperParameters()) {
      scalars.put(parameter.name(), scalar(tf, parameter.name().replace('-', '_')));
    }
    hyperParameters = Collections.unmodifiableMap(scalars);
    step = scalar(tf, "step");

    network = new Network(tf, spec, seed);
    Operand<TFloat32> features = network.features(images, Mode.TRAIN);
    LossWeights weights = new LossWeights(Map.copyOf(hyperParameters));
    loss = network.head().loss(features, labels, weights);
    trainCorrect = correct(tf, network.head().logits(features));

    Parameters parameters = network.parameters();
    Operand<TFloat32> objective = tf.math.add(loss.total(),
        weightDecay(tf, parameters, optimizerSpec));
    Optimizer optimizer = ScheduledOptimizers.create(graph, optimizerSpec, learningRate, step);
    Op apply = optimizer.applyGradients(
        gradients(graph, tf, parameters, optimizerSpec, objective), "train");
    List<Op> updates = new ArrayList<>(parameters.statisticUpdates());
    updates.add(apply);
    updates.addAll(network.head().updates(tf.withControlDependencies(List.of(apply)), features,
        labels, weights));
    trainStep = tf.withName("train_step").withControlDependencies(updates).noOp();

    inference = network.infer(images);
    Operand<TFloat32> oneHot = CrossEntropy.oneHot(tf, labels, spec.numClasses());
    evalCrossEntropySum = CrossEntropy.sum(tf, inference.logits(), oneHot);
    evalCorrect = correct(tf, inference.logits());
    evalOwnDistance = inference.distances()
        .map(distances -> tf.sum(tf.math.mul(oneHot, distances), tf.constant(1)));
    Optional<ClassCentres> headCentres = network.head().centres();
    centres = headCentres.map(ClassCentres::means);
    variances = headCentres.flatMap(ClassCentres::variances);
    allFinite = allFinite(tf, parameters);
  }

  /** True when no trained variable and no batch-norm statistic holds NaN or an infinity. */
  private static Operand<TBool> allFinite(Ops tf, Parameters parameters) {
    List<Operand<TFloat32>> values = new ArrayList<>();
    parameters.trainables().forEach(p -> values.add(p.value()));
    parameters.statistics().forEach(v -> values.add(tf.identity(v)));
    List<Operand<TBool>> finite = values.stream()
        .map(v -> (Operand<TBool>) tf.reduceAll(tf.math.isFinite(v), allAxes(tf, v)))
        .toList();
    return tf.withName("all_finite").reduceAll(tf.stack(finite), tf.constant(0));
  }

  private static Operand<TInt32> allAxes(Ops tf, Operand<TFloat32> value) {
    return tf.range(tf.constant(0), tf.rank(value), tf.constant(1));
  }

  public Network network() {
    return network;
  }

  private static Placeholder<TFloat32> scalar(Ops tf, String name) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }

  private Operand<TInt32> correct(Ops tf, Operand<TFloat32> logits) {
    Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
    return tf.sum(tf.dtypes.cast(tf.math.equal(predicted, labels), TInt32.class),
        tf.constant(0));
  }

  /** wd/2 times the sum of squares of every decayed parameter. */
  private static Operand<TFloat32> weightDecay(Ops tf, Parameters parameters,
      OptimizerSpec optimizer) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Parameters.Trainable p : parameters.trainables()) {
      if (optimizer.decays(p)) {
        squares.add(tf.nn.l2Loss(p.value()));
      }
    }
    return tf.math.mul(tf.constant(optimizer.weightDecay()), tf.math.addN(squares));
  }

  /**
   * Gradients of every trained variable, scaled by its learning-rate multiplier. Each one waits
   * for all of them, so no update can overwrite a weight that a gradient still reads.
   */
  private static List<Optimizer.GradAndVar<? extends TType>> gradients(Graph graph, Ops tf,
      Parameters parameters, OptimizerSpec optimizer, Operand<TFloat32> objective) {
    List<Parameters.Trainable> trained = parameters.trainables().stream()
        .filter(p -> optimizer.learningRateMultiplier(p) > 0).toList();
    Output<?>[] variables = trained.stream().map(p -> p.variable().asOutput())
        .toArray(Output<?>[]::new);
    Output<?>[] raw = graph.addGradients(objective.asOutput(), variables);
    List<Op> barrier = new ArrayList<>();
    for (Output<?> gradient : raw) {
      barrier.add(gradient::op);
    }
    Ops afterAll = tf.withControlDependencies(barrier);
    List<Optimizer.GradAndVar<? extends TType>> result = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gradient = afterAll.identity((Output<TFloat32>) raw[i]);
      float multiplier = optimizer.learningRateMultiplier(trained.get(i));
      if (multiplier != 1f) {
        gradient = tf.math.mul(gradient, tf.constant(multiplier));
      }
      result.add(new Optimizer.GradAndVar<>(gradient.asOutput(),
          trained.get(i).variable().asOutput()));
    }
    return result;
  }
}
