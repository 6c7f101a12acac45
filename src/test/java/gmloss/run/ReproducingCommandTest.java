package gmloss.run;

import gmloss.io.ShellWords;
import gmloss.options.OptionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command a model card gives: today's defaults must repeat the run it names. */
class ReproducingCommandTest {

  private static final String COMMAND = "gmloss train --epochs 160 --lambda 0.01 --run-dir gm";

  /** The options {@code settings} resolve to today, as a run's record would keep them. */
  private static Map<String, String> today(TrainSettings settings) throws OptionException {
    return new HashMap<>(settings.values().values());
  }

  /** What a run of {@link #COMMAND} started today records. */
  private static Map<String, String> recordOfCommand() throws OptionException {
    return today(new TrainSettings().set("epochs", 160).set("lambda", 0.01).set("run-dir", "gm"));
  }

  /** {@link ReproducingCommand#of} on a command written as one line, its words unquoted. */
  private static String of(String command, Map<String, String> recorded) {
    return ShellWords.quote(ReproducingCommand.of(ShellWords.ofSpaced(command), recorded));
  }

  @Test
  void aPathWithSpacesStaysOneWordAndPrintsQuoted() throws OptionException {
    List<String> command = List.of("gmloss", "train", "--run-dir", "my runs/it's");
    Map<String, String> recorded = today(new TrainSettings().set("run-dir", "my runs/it's"));
    List<String> repeated = ReproducingCommand.of(command, recorded);
    assertEquals(command, repeated);
    assertEquals("gmloss train --run-dir 'my runs/it'\\''s'", ShellWords.quote(repeated));
  }

  @Test
  void aRunOfTodaysDefaultsKeepsItsCommand() throws OptionException {
    Map<String, String> recorded = recordOfCommand();
    assertEquals(COMMAND, of(COMMAND, recorded));
  }

  @Test
  void aDefaultThatChangedSinceIsSpelledOut() throws OptionException {
    Map<String, String> recorded = recordOfCommand();
    recorded.put("lambda-schedule", "constant");
    assertEquals(COMMAND + " --lambda-schedule constant",
        of(COMMAND, recorded));
  }

  @Test
  void aSoftmaxRunNamesNoOptionOfTheMixture() throws OptionException {
    String command = "gmloss train --loss softmax --epochs 160";
    Map<String, String> recorded = today(new TrainSettings().set("loss", "softmax")
        .set("epochs", 160));
    recorded.put("lambda", "0.01");
    recorded.put("lambda-schedule", "constant");
    assertEquals(command, of(command, recorded));
    recorded.put("lr", "0.2");
    assertEquals(command + " --lr 0.2", of(command, recorded));
  }

  @Test
  void anOptionGivenKeepsItsGivenValueEvenIfTheRecordDiffers() throws OptionException {
    // A resume may have raised --epochs: the command names how the run started.
    Map<String, String> recorded = recordOfCommand();
    recorded.put("epochs", "200");
    assertEquals(COMMAND, of(COMMAND, recorded));
  }

  @Test
  void numbersCompareAsNumbersAndPlacesAreNotCompared() throws OptionException {
    Map<String, String> recorded = recordOfCommand();
    recorded.put("weight-decay", "5.0E-4");
    recorded.put("data-dir", "/data/fashion-mnist");
    recorded.put("export-dir", "/runs/gm/model");
    recorded.put("run-name", "fashion-mnist-gm-resnet20-20261204-050918");
    assertEquals(COMMAND, of(COMMAND, recorded));
  }

  @Test
  void aRecipesPresetsAreTodaysToo() throws OptionException {
    String command = "gmloss train --recipe tpami --epochs=20";
    Map<String, String> recorded = today(new TrainSettings().set("recipe", "tpami")
        .set("epochs", 20));
    assertEquals(command, of(command, recorded));
    recorded.put("alpha", "0.2");
    assertEquals(command + " --alpha 0.2", of(command, recorded));
  }

  @Test
  void flagsAreNamedOnlyWhenSet() throws OptionException {
    String command = "gmloss train --no-augment --epochs 2";
    Map<String, String> recorded = today(new TrainSettings().set("no-augment", true)
        .set("epochs", 2));
    assertEquals(command, of(command, recorded));
    String plain = "gmloss train --epochs 2";
    assertEquals(plain + " --no-augment", of(plain, recorded));
  }

  @Test
  void aCommandWithAnOptionSinceRemovedIsKeptAsTyped() throws OptionException {
    String command = "gmloss train --center-loss 0.5 --epochs 2";
    Map<String, String> recorded = today(new TrainSettings().set("epochs", 2));
    recorded.put("lambda-schedule", "constant");
    assertEquals(command, of(command, recorded));
  }
}
