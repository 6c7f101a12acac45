package gmloss.loss;

import gmloss.options.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The heads {@code --loss} offers, in the order the help lists them. */
public final class HeadTypes {

  /** The large-margin Gaussian mixture loss, the default. */
  public static final HeadType GM = GmHeadType.INSTANCE;
  /** Softmax cross entropy, the baseline. */
  public static final HeadType SOFTMAX = SoftmaxHead.TYPE;
  /** The center loss of Wen et al. */
  public static final HeadType CENTER = CenterLossType.INSTANCE;

  public static final List<HeadType> ALL = List.of(GM, SOFTMAX, CENTER);

  private HeadTypes() {}

  /** The head type called {@code name} (any case; older records wrote GM, SOFTMAX). */
  public static Optional<HeadType> named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(type -> type.name().equals(wanted)).findFirst();
  }

  /** Every name, joined by "|". */
  public static String names() {
    return ALL.stream().map(HeadType::name).collect(Collectors.joining("|"));
  }

  /** One line per head, "  name: summary", for the help. */
  public static String helpText() {
    return ALL.stream().map(type -> "  " + type.name() + ": " + type.summary())
        .collect(Collectors.joining("\n"));
  }

  /** Every option of a head other than {@code head}, that {@code head} does not read too. */
  public static List<String> optionsOfOthers(HeadType head) {
    List<String> own = optionsOf(head);
    return ALL.stream().filter(type -> type != head).flatMap(type -> optionsOf(type).stream())
        .filter(option -> !own.contains(option)).distinct().toList();
  }

  /** Every setting {@code head} reads by name: its hyper-parameters, their schedules, its own. */
  public static List<String> optionsOf(HeadType head) {
    return Stream.concat(head.hyperParameters().stream()
        .flatMap(p -> Stream.of(p.name(), p.scheduleName())),
        head.settings().stream().map(Setting::name)).toList();
  }
}
