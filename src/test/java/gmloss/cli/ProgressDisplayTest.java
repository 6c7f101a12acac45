package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.io.FittedLine;
import gmloss.train.Progress;
import gmloss.train.StepReport;
import gmloss.train.StepValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a terminal, progress is a plain timestamped line every N steps. */
class ProgressDisplayTest {

  @Test
  void aRedirectedRunGetsALineEveryNStepsWithTheRunningNumbers() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true,
        StandardCharsets.UTF_8), 3, 2, false, 80);
    display.epochStarted(1, 0, 4);
    for (int batch = 0; batch < 4; batch++) {
      display.stepDone(new StepReport(new Progress(1, 4 + batch, 4),
          new StepValues(0.05f, Map.of("alpha", 0.1f, "lambda", 0.01f)), 0.5f, 0.25 * (batch + 1), 0.5, 123.4));
    }
    display.epochDone(null);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    String timestamp = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    assertTrue(lines.get(0).matches(timestamp + "  epoch 2/3  step 2/4  loss 0\\.5000  acc"
        + " 50\\.00%  123 img/s  lr 0\\.05  eta \\dm\\d\\ds"), lines.get(0));
    assertTrue(lines.get(1).matches(timestamp + "  epoch 2/3  step 4/4  loss 1\\.0000  acc"
        + " 50\\.00%  123 img/s  lr 0\\.05  eta 0m00s"), lines.get(1));
  }

  @Test
  void theBarsMessageFitsBesideTheBarAtEightyColumns() {
    ProgressDisplay display = new ProgressDisplay(new PrintStream(new ByteArrayOutputStream()),
        160, 0, false, 80);
    FittedLine numbers = new FittedLine().add("loss 0.8858", 2).add("acc 72.76%", 3)
        .add("341 img/s", 1);
    String message = display.message(numbers);
    assertEquals("loss 0.8858  acc 72.76%", message);
    ProgressDisplay wide = new ProgressDisplay(new PrintStream(new ByteArrayOutputStream()),
        160, 0, false, 120);
    assertEquals("loss 0.8858  acc 72.76%  341 img/s", wide.message(numbers));
  }

  @Test
  void aTerminalGetsEachLogLineForItsWidthARedirectedOutputTheWholeLine() {
    for (boolean terminal : new boolean[] {true, false}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true,
          StandardCharsets.UTF_8), 3, 0, terminal, 40);
      display.logged("the whole line", width -> "fits " + width);
      String data = "data: fashion-mnist, 60000 training and 10000 test images of 28x28x1";
      display.logged(data, width -> data);
      String lines = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
      assertEquals(terminal ? "fits 40\ndata: fashion-mnist, 60000 training and\n    10000 test"
          + " images of 28x28x1\n" : "the whole line\n" + data + "\n", lines);
    }
  }
}
