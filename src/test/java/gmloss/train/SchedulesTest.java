package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SchedulesTest {

  private static final int BATCHES = 100;

  private static Progress at(int epoch, int batch) {
    return new Progress(epoch, (long) epoch * BATCHES + batch, BATCHES);
  }

  @Test
  void stepDecayMultipliesAtEachMilestone() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.1f,
        LearningRateSchedule.Warmup.LINEAR, 0, 0.1f, LearningRateSchedule.Decay.STEP,
        new double[] {5, 7.5}, 0.1f, 10);
    assertEquals(0.1f, schedule.valueAt(at(4, 99)), 1e-9);
    assertEquals(0.01f, schedule.valueAt(at(5, 0)), 1e-9);
    assertEquals(0.01f, schedule.valueAt(at(7, 49)), 1e-9);
    assertEquals(0.001f, schedule.valueAt(at(7, 50)), 1e-9);
  }

  @Test
  void linearWarmupThenCosineToZero() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.2f,
        LearningRateSchedule.Warmup.LINEAR, 1, 0.2f, LearningRateSchedule.Decay.COSINE,
        new double[0], 0.1f, 5);
    assertEquals(0.2f * 1 / 100, schedule.valueAt(at(0, 0)), 1e-7);
    assertEquals(0.2f * 50 / 100, schedule.valueAt(at(0, 49)), 1e-7);
    assertEquals(0.2f, schedule.valueAt(at(1, 0)), 1e-7);
    // Half-way through the 4 cosine epochs the rate is half of the base.
    assertEquals(0.1f, schedule.valueAt(at(3, 0)), 1e-7);
    assertEquals(0f, schedule.valueAt(at(5, 0)), 1e-7);
    assertEquals("lr 0.2 after a linear warm-up of 1 epoch, cosine to 0 at epoch 5",
        schedule.describe());
  }

  /**
   * A warm-up of 0.505 epochs is 50.5 steps of 100: step 51 (iteration 50) is still in it and
   * would get 0.2 x 51 / 50.5 = 0.202 without the cap.
   */
  @Test
  void aFractionalWarmupNeverPassesTheBaseRate() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.2f,
        LearningRateSchedule.Warmup.LINEAR, 0.505, 0.2f, LearningRateSchedule.Decay.CONSTANT,
        new double[0], 0.1f, 5);
    assertEquals(0.2f * 50 / 50.5f, schedule.valueAt(at(0, 49)), 1e-7);
    assertEquals(0.2f, schedule.valueAt(at(0, 50)), 0f);
    assertEquals(0.2f, schedule.valueAt(at(0, 51)), 0f);
  }

  @Test
  void constantWarmupHoldsItsOwnRate() {
    LearningRateSchedule schedule = new LearningRateSchedule(0.1f,
        LearningRateSchedule.Warmup.CONSTANT, 10, 0.01f, LearningRateSchedule.Decay.CONSTANT,
        new double[0], 0.5f, 50);
    assertEquals(0.01f, schedule.valueAt(at(9, 99)), 1e-9);
    assertEquals(0.1f, schedule.valueAt(at(10, 0)), 1e-9);
    assertEquals("lr 0.1 after 10 epochs at 0.01, constant", schedule.describe());
  }

  @Test
  void rampFollowsTheTpamiFormula() {
    HyperSchedule alpha = HyperSchedule.parse("ramp:30", 0.1);
    HyperSchedule lambda = HyperSchedule.parse("ramp:30", 0.01);
    // alpha_e = alpha (0.1 + 0.9 e / 30), lambda_e = lambda (0.01 + 0.99 e / 30)
    assertEquals(0.03f, alpha.valueAt(0.3f, at(0, 50)), 1e-7);
    assertEquals(0.3f * (0.1f + 0.9f * 15 / 30), alpha.valueAt(0.3f, at(15, 0)), 1e-7);
    assertEquals(0.3f, alpha.valueAt(0.3f, at(30, 0)), 1e-7);
    assertEquals(0.3f, alpha.valueAt(0.3f, at(80, 0)), 1e-7);
    assertEquals(0.2f * (0.01f + 0.99f * 10 / 30), lambda.valueAt(0.2f, at(10, 0)), 1e-7);
    assertEquals(0.5f, HyperSchedule.parse("ramp:4:0.5", 0.1).valueAt(1f, at(0, 0)), 1e-7);
  }

  @Test
  void stepUpMultipliesEveryNStepsUpToTheCap() {
    HyperSchedule stepUp = HyperSchedule.parse("stepup:5000:2:0.3", 0.1);
    assertEquals(0.1f, stepUp.valueAt(0.1f, new Progress(0, 4999, 391)), 1e-7);
    assertEquals(0.2f, stepUp.valueAt(0.1f, new Progress(12, 5000, 391)), 1e-7);
    assertEquals(0.3f, stepUp.valueAt(0.1f, new Progress(25, 10000, 391)), 1e-7);
    assertEquals(0.3f, stepUp.valueAt(0.1f, new Progress(99, 99999, 391)), 1e-7);
  }

  @Test
  void constantIsConstant() {
    assertEquals(0.7f, HyperSchedule.parse("constant", 0.1).valueAt(0.7f, at(9, 9)));
  }

  @Test
  void malformedSchedulesAreRejectedWithTheirText() {
    for (String bad : new String[] {"ramp", "ramp:0", "ramp:5:2", "stepup:5:2", "stepup:0:2:1",
        "ramp:x", "linear", "constant:3"}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> HyperSchedule.parse(bad, 0.1), bad);
      assertEquals(true, error.getMessage().startsWith("'" + bad + "'"), error.getMessage());
    }
  }
}
