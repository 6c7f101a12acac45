package gmloss.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resumed run goes on with what it recorded, whatever the defaults have become since. */
class ResumedOptionsTest {

  /** A run recorded when lambda's default was 0.01, constant, before --decay-means existed. */
  private static final Map<String, String> RECORDED = Map.of("loss", "gm", "epochs", "6",
      "lambda", "0.01", "lambda-schedule", "constant", "seed", "42");

  @Test
  void recordedValuesOutliveChangedDefaults() throws OptionException {
    OptionValues merged = ResumedOptions.merge(RECORDED, Map.of());
    assertEquals("0.01", merged.string("lambda"));
    assertEquals("constant", merged.string("lambda-schedule"));
    assertFalse(merged.isExplicit("lambda"));
    // An option the record lacks ran as its default did.
    assertEquals("true", merged.string("decay-means"));
    assertEquals(List.of(), ResumedOptions.changes(RECORDED, merged));
  }

  @Test
  void aScheduleGivenOnResumeReplacesTheRecordedOneAndIsReported() throws OptionException {
    OptionValues merged = ResumedOptions.merge(RECORDED,
        Map.of("lambda-schedule", "ramp:1", "epochs", "8"));
    assertEquals("ramp:1", merged.string("lambda-schedule"));
    assertTrue(merged.isExplicit("lambda-schedule"));
    assertEquals(List.of("--epochs 8 (was 6)", "--lambda-schedule ramp:1 (was constant)"),
        ResumedOptions.changes(RECORDED, merged).stream().sorted().toList());
  }

  @Test
  void anOptionThatFixesTheModelCannotChange() {
    OptionException refused = assertThrows(OptionException.class,
        () -> ResumedOptions.merge(RECORDED, Map.of("seed", "7")));
    assertEquals("--seed 7: cannot change when resuming (the run has 42); it fixes the model or"
        + " the batches it sees. Start a new run instead", refused.getMessage());
  }

  @Test
  void everyHeadsOptionIsASettingAndThoseThatShapeItsVariablesAreFixed() {
    for (HeadType head : HeadTypes.ALL) {
      for (String option : HeadTypes.optionsOf(head)) {
        OptionSpecs.Entry entry = TrainOptions.SPECS.entries().get(option);
        assertNotNull(entry, head.name() + " reads --" + option);
        // A hyper-parameter may change on resume; a head's own setting as the head declares.
        boolean fixed = head.settings().stream()
            .anyMatch(setting -> setting.name().equals(option) && setting.fixed());
        assertEquals(fixed, entry.fixed(), option);
      }
    }
    assertTrue(ResumedOptions.FIXED.containsAll(List.of("seed", "depth", "loss", "variance",
        "means-init", "gm-likelihood")));
    assertFalse(ResumedOptions.FIXED.contains("lambda"));
    assertFalse(ResumedOptions.FIXED.contains("epochs"));
  }

  @Test
  void aSettingThatDoesNotExistIsRefusedNotIgnored() {
    OptionException refused = assertThrows(OptionException.class,
        () -> ResumedOptions.merge(RECORDED, Map.of("epoch", "8")));
    assertEquals("unknown option --epoch (did you mean --epochs?)", refused.getMessage());
  }
}
