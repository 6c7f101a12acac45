package gmloss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.loss.GmStructure;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.options.OptionException;
import gmloss.run.Recipe;
import gmloss.run.TrainSettings;
import gmloss.run.TrainingPlan;
import gmloss.train.HyperSetting;
import gmloss.train.LearningRateSchedule;
import gmloss.train.OptimizerSpec;
import gmloss.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each recipe resolves to the values its reference implementation uses. */
class RecipeTest {

  @TempDir
  Path dataDir;

  private TrainingPlan resolve(String recipe, int epochs, String... extra)
      throws OptionException {
    TrainSettings settings = new TrainSettings().set("recipe", recipe).set("epochs", epochs)
        .set("dataset", "mnist").set("data-dir", dataDir);
    for (int i = 0; i < extra.length; i += 2) {
      settings.set(extra[i].substring(2), extra[i + 1]);
    }
    return settings.plan();
  }

  record Expected(String recipe, int epochs, String head, float alpha, String alphaSchedule,
      float lambda, String lambdaSchedule, boolean nesterov, float weightDecay, float lr,
      LearningRateSchedule.Decay decay, double[] milestones, float factor, double warmup,
      float warmupRate, MeansInit means, Variance.Structure variance, float varianceLrMult,
      int featureDim) {}

  @Test
  void recipesResolveToTheirDocumentedValues() throws OptionException {
    List<Expected> table = List.of(
        // Unscaled: runs as long as the original. The TF demo keeps this project's lr schedule.
        new Expected("tf-demo", 30, "gm", 0.1f, "constant", 0.01f, "constant", true,
            5e-4f, 0, null, null, 0, 0, 0, MeansInit.GLOROT, Variance.Structure.NONE, 0f, 0),
        new Expected("caffe", 300, "gm", 0.1f, "stepup:5000:2:0.3", 0.1f, "constant",
            true, 5e-4f, 0.1f, LearningRateSchedule.Decay.STEP, new double[] {150, 225}, 0.1f,
            0, 0.1f, MeansInit.HE, Variance.Structure.ISOTROPIC, 0f, 0),
        new Expected("tpami", 300, "gm", 0.3f, "ramp:30:0.1", 0.2f, "ramp:30:0.01", true,
            5e-4f, 0.1f, LearningRateSchedule.Decay.STEP, new double[] {150, 225}, 0.1f, 0,
            0.1f, MeansInit.NORMAL, Variance.Structure.NONE, 0f, 0),
        new Expected("gluon", 400, "gm", 0.1f, "constant", 0.1f, "constant", true, 5e-4f,
            0.1f, LearningRateSchedule.Decay.STEP, new double[] {100, 150, 200, 250, 300, 350},
            0.5f, 10, 0.01f, MeansInit.HE, Variance.Structure.NONE, 0f, 10),
        new Expected("he-softmax", 164, "softmax", 0.1f, "constant", 0.1f, "ramp:1:0.01",
            false, 1e-4f, 0.1f, LearningRateSchedule.Decay.STEP, new double[] {82, 123}, 0.1f,
            0, 0.1f, MeansInit.NORMAL, Variance.Structure.NONE, 0f, 0),
        // Scaled to a 20-epoch budget: every epoch count x 20/300 or x 20/400.
        new Expected("caffe", 20, "gm", 0.1f, "stepup:333:2:0.3", 0.1f, "constant",
            true, 5e-4f, 0.1f, LearningRateSchedule.Decay.STEP, new double[] {10, 15}, 0.1f, 0,
            0.1f, MeansInit.HE, Variance.Structure.ISOTROPIC, 0f, 0),
        new Expected("tpami", 20, "gm", 0.3f, "ramp:2:0.1", 0.2f, "ramp:2:0.01", true,
            5e-4f, 0.1f, LearningRateSchedule.Decay.STEP, new double[] {10, 15}, 0.1f, 0, 0.1f,
            MeansInit.NORMAL, Variance.Structure.NONE, 0f, 0),
        new Expected("gluon", 20, "gm", 0.1f, "constant", 0.1f, "constant", true, 5e-4f,
            0.1f, LearningRateSchedule.Decay.STEP, new double[] {5, 7.5, 10, 12.5, 15, 17.5},
            0.5f, 0.5, 0.01f, MeansInit.HE, Variance.Structure.NONE, 0f, 10));
    for (Expected e : table) {
      String label = e.recipe() + " at " + e.epochs() + " epochs";
      TrainingPlan plan = resolve(e.recipe(), e.epochs());
      TrainingConfig config = plan.training();
      OptimizerSpec optimizer = config.optimizer();
      LearningRateSchedule lr = config.learningRate();
      assertEquals(e.head(), plan.head().name(), label);
      if (e.head().equals("gm")) {
        assertEquals(e.alpha(), hyper(config, "alpha").value(), label);
        assertEquals(e.alphaSchedule(), hyper(config, "alpha").schedule().describe(), label);
        assertEquals(e.lambda(), hyper(config, "lambda").value(), label);
        assertEquals(e.lambdaSchedule(), hyper(config, "lambda").schedule().describe(), label);
        GmStructure structure = (GmStructure) plan.headStructure();
        assertEquals(e.means(), structure.meansInit(), label);
        assertEquals(e.variance(), structure.variance().shape(), label);
        if (e.variance() != Variance.Structure.NONE) {
          assertEquals(e.varianceLrMult(), structure.variance().learningRateMultiplier(), label);
        }
      } else {
        assertTrue(config.hyperParameters().isEmpty(), label);
      }
      assertEquals(OptimizerSpec.Kind.MOMENTUM, optimizer.kind(), label);
      assertEquals(0.9f, optimizer.momentum(), label);
      assertEquals(e.nesterov(), optimizer.nesterov(), label);
      assertEquals(e.weightDecay(), optimizer.weightDecay(), label);
      if (e.decay() == LearningRateSchedule.Decay.STEP) {
        assertEquals(e.lr(), lr.base(), label);
        assertEquals(e.decay(), lr.decay(), label);
        assertArrayEquals(e.milestones(), lr.milestones(), 1e-9, label);
        assertEquals(e.factor(), lr.factor(), label);
        assertEquals(e.warmup(), lr.warmupEpochs(), 1e-6, label);
        if (e.warmup() > 0) {
          assertEquals(e.warmupRate(), lr.warmupRate(), label);
        }
      }
      assertEquals(e.featureDim(), plan.featureDim(), label);
      assertTrue(optimizer.decayScaleAndShift(), label + ": references decay batch norm");
      assertTrue(optimizer.decayMeans(), label + ": references decay the GM means");
      assertEquals(e.recipe().equals("caffe") ? 2f : 1f,
          optimizer.meansLearningRateMultiplier(), label);
      assertEquals(128, config.batchSize(), label);
    }
  }

  @Test
  void theCenterLossRecipeHasWenEtAlsSettings() throws OptionException {
    TrainingPlan plan = resolve("center", 28);
    TrainingConfig config = plan.training();
    assertEquals("center", plan.head().name());
    assertEquals(0.003f, hyper(config, "lambda").value());
    assertEquals("constant", hyper(config, "lambda").schedule().describe());
    assertEquals(0.5f, hyper(config, "center-alpha").value());
    assertEquals("constant", hyper(config, "center-alpha").schedule().describe());
    assertEquals(false, config.optimizer().nesterov());
    assertEquals(5e-4f, config.optimizer().weightDecay());
    assertArrayEquals(new double[] {28 * 0.57, 28 * 0.86}, config.learningRate().milestones(),
        1e-4);
  }

  @Test
  void explicitOptionsOverrideTheRecipe() throws OptionException {
    TrainingPlan plan = resolve("caffe", 20, "--variance", "none", "--alpha", "0.2",
        "--lr-steps", "5");
    assertEquals(Variance.Structure.NONE,
        ((GmStructure) plan.headStructure()).variance().shape());
    assertEquals(0.2f, hyper(plan.training(), "alpha").value());
    assertArrayEquals(new double[] {5}, plan.training().learningRate().milestones());
    assertEquals("stepup:333:2:0.3", hyper(plan.training(), "alpha").schedule().describe());
  }

  private static HyperSetting hyper(TrainingConfig config, String name) {
    return config.hyperParameters().stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void scalingIsAnnouncedOnlyWhenItHappens() {
    assertTrue(Recipe.TPAMI.scalingNote(300).isEmpty());
    assertEquals("recipe tpami was written for 300 epochs; its epoch counts are scaled by"
        + " 0.06666667 for 20", Recipe.TPAMI.scalingNote(20).orElseThrow());
    assertTrue(Recipe.TF_DEMO.scalingNote(5).isEmpty());
  }

  @Test
  void unknownRecipeIsAUsageError() {
    TrainCommandTest.Run run = TrainCommandTest.run("train", "--recipe", "keras");
    assertEquals(2, run.code());
    assertEquals("gmloss train: --recipe keras: unknown recipe, expected one of"
        + " tf-demo|caffe|tpami|gluon|he-softmax|center", run.err().lines().findFirst().orElseThrow());
  }

  @Test
  void helpListsTheRecipes() {
    String help = TrainCommandTest.run("train", "--help").out();
    for (Recipe recipe : Recipe.values()) {
      assertTrue(help.contains("  " + recipe.cliName() + ": "), recipe.cliName());
    }
  }
}
