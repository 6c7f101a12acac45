package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.io.FittedLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epoch line fits a terminal; logs keep every field. */
class TerminalWidthTest {

  /** An epoch with every field: validation split and learned variances. */
  private static final EpochMetrics EPOCH = new EpochMetrics(5, 0.1995f, alphaAndLambda(), 0.887,
      0.5, 0.7276, 1.1276, 0.6321, 207, 1256, new EpochMetrics.VarianceRange(0.5, 1.25),
      new EpochMetrics.Validation(1.2, 0.61), new EpochMetrics.Fit(0.5, 0.9), "fp32");

  private static final String FULL = "epoch   6/160  lr 0.1995  alpha 0.100  lambda 0.0100"
      + "  train loss 0.8870  train acc  72.76%  val loss 1.2000  val acc  61.00%  test loss"
      + " 1.1276  test acc  63.21%  variance 0.5000..1.250    207 img/s  elapsed 20m56s";

  @Test
  void theLogKeepsEveryFieldAndATerminalGetsWhatFits() {
    assertEquals(FULL, EPOCH.summary(160));
    assertEquals(FULL, EPOCH.summary(160, 400));
    String narrow = EPOCH.summary(160, 80);
    assertEquals("epoch   6/160  train loss 0.8870  train acc  72.76%  test acc  63.21%", narrow);
    assertTrue(narrow.length() <= 80);
    assertEquals("epoch   6/160  test acc  63.21%", EPOCH.summary(160, 40));
  }

  @Test
  void aFieldsLineDropsTheLeastImportantFirstAndKeepsItsOrder() {
    FittedLine line = new FittedLine().add("a", 3).add("bbbb", 1).add("cc", 2);
    assertEquals("a  bbbb  cc", line.full());
    assertEquals("a  cc", line.fit(6));
    assertEquals("a", line.fit(1));
    assertEquals("a", line.fit(0), "the most important field stays");
  }

  @Test
  void theLogFileKeepsTheWholeLineAndItsReaderGetsTheFormForAWidth(@TempDir Path dir)
      throws IOException {
    List<String> lines = new ArrayList<>();
    List<String> narrow = new ArrayList<>();
    try (RunLog log = new RunLog((line, forWidth) -> {
      lines.add(line);
      narrow.add(forWidth.apply(80));
    }, dir.resolve("train.log"))) {
      new EpochLog(log, 160).epochDone(EPOCH);
    }
    assertEquals(List.of(FULL), lines);
    assertEquals(List.of(EPOCH.summary(160, 80)), narrow);
    assertEquals(FULL + System.lineSeparator(), Files.readString(dir.resolve("train.log")));
  }

  private static Map<String, Float> alphaAndLambda() {
    Map<String, Float> values = new LinkedHashMap<>();
    values.put("alpha", 0.1f);
    values.put("lambda", 0.01f);
    return values;
  }
}
