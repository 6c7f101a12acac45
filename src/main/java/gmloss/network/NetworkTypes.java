package gmloss.network;

import gmloss.model.FeatureExtractor;
import gmloss.model.Parameters;
import gmloss.model.ResNet;
import gmloss.options.OptionException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The networks runs can be built on: the ResNet, and any a program registered. A run records
 * its network's name; resuming or exporting it from a checkpoint needs that network registered
 * in the process (a SavedModel does not: it carries its graph).
 *
 * <p>Thread safety: registering and looking up may happen from any thread.
 */
public final class NetworkTypes {

  /** The CIFAR ResNet of He et al., depth 6n+2. */
  public static final NetworkType RESNET = new NetworkType() {
    @Override
    public String name() {
      return "resnet";
    }

    @Override
    public FeatureExtractor build(Parameters parameters, ModelSpec spec) {
      return ResNet.builder(parameters.tf()).parameters(parameters).depth(spec.depth())
          .inputChannels(spec.channels()).featureDim(spec.featureDim()).build();
    }

    @Override
    public String describe(ModelSpec spec) {
      return "ResNet-" + spec.depth();
    }

    @Override
    public void check(int depth, int featureDim) throws OptionException {
      if (!ResNet.isValidDepth(depth)) {
        throw new OptionException("--depth " + depth
            + ": must be 6n+2 (20, 32, 44, 56, 110, ...)");
      }
    }
  };

  private static final Map<String, NetworkType> REGISTERED =
      new ConcurrentHashMap<>(Map.of(RESNET.name(), RESNET));

  private NetworkTypes() {}

  /**
   * Makes {@code type} available to runs by its name.
   *
   * @throws IllegalArgumentException if another type has that name
   */
  public static void register(NetworkType type) {
    String name = type.name().toLowerCase(Locale.ROOT);
    NetworkType before = REGISTERED.putIfAbsent(name, type);
    if (before != null && before != type) {
      throw new IllegalArgumentException("a network named " + name + " is registered already");
    }
  }

  /** The network called {@code name} (any case). */
  public static Optional<NetworkType> named(String name) {
    return Optional.ofNullable(REGISTERED.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** Every registered name, the ResNet's first, joined by "|". */
  public static String names() {
    List<String> others = REGISTERED.keySet().stream().filter(n -> !n.equals(RESNET.name()))
        .sorted().toList();
    return RESNET.name() + others.stream().map(n -> "|" + n).collect(Collectors.joining());
  }
}
