package gmloss.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gmloss.loss.GmHeadType;
import gmloss.loss.HeadTypes;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.options.OptionException;
import gmloss.options.OptionValues;
import gmloss.options.Setting;
import gmloss.train.HyperSchedule;
import gmloss.train.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training settings: typed, checked as they are set, read back typed over recipes and defaults. */
class TrainSettingsTest {

  private static String refusal(Runnable set) {
    return assertThrows(OptionException.class, set::run).getMessage();
  }

  @Test
  void aBadValueIsRefusedWhenItIsSetNamingItsSetting() {
    assertEquals("--epochs 0: must be between 1 and 100000",
        refusal(() -> new TrainSettings().epochs(0)));
    assertEquals("--epochs two: not an integer",
        refusal(() -> new TrainSettings().set("epochs", "two")));
    assertEquals("--lr 0: must be > 0", refusal(() -> new TrainSettings().learningRate(0)));
    assertEquals("--lambda -1: must be >= 0",
        refusal(() -> new TrainSettings().hyperParameter("lambda", -1)));
    assertEquals("--lamda: no head has a hyper-parameter of that name",
        refusal(() -> new TrainSettings().hyperParameter("lamda", 0.1)));
    assertEquals("--lambda-schedule 'ramp' is not constant, ramp:E[:S] or stepup:N:G:MAX",
        refusal(() -> new TrainSettings().hyperParameterSchedule("lambda", "ramp")));
    assertEquals("--variance round: expected one of none|isotropic|diagonal",
        refusal(() -> new TrainSettings().set("variance", "round")));
    assertEquals("--no-augment maybe: expected true or false",
        refusal(() -> new TrainSettings().set("no-augment", "maybe")));
    assertEquals("--recipe caffee: unknown recipe, expected one of " + Recipe.cliNames(),
        refusal(() -> new TrainSettings().set("recipe", "caffee")));
    assertEquals("--thread: not a setting of a training run", refusal(() ->
        new TrainSettings().with(Setting.integer("thread", "1", 0, 8, false), 2)));
    assertEquals("--threads 2000: must be between 0 and 1024", refusal(() ->
        new TrainSettings().with(Setting.integer("threads", "1", 0, 5000, false), 2000)));
  }

  @Test
  void valuesAreKeptAsTheCommandLineWritesThem() {
    TrainSettings settings = new TrainSettings().epochs(3).weightDecay(5e-4)
        .loss(HeadTypes.CENTER).precision(Precision.BF16).augment(false)
        .with(TrainOptions.SEED, 7L);
    assertEquals(Map.of("epochs", "3", "weight-decay", "0.0005", "loss", "center",
        "precision", "bf16", "no-augment", "true", "seed", "7"), settings.explicit());
    // A head's own settings are typed too, declared by the head.
    assertEquals(Map.of("variance", "isotropic", "means-init", "he"), new TrainSettings()
        .with(GmHeadType.VARIANCE, Variance.Structure.ISOTROPIC)
        .with(GmHeadType.MEANS_INIT, MeansInit.HE).explicit());
    settings.augment(true).set("overwrite", true).set("overwrite", false);
    assertEquals(false, settings.explicit().containsKey("no-augment"));
    assertEquals(false, settings.explicit().containsKey("overwrite"));
  }

  @Test
  void theValuesOfARunAreReadTypedOverTheRecipesOverTheDefaults() {
    OptionValues values = new TrainSettings().recipe(Recipe.TPAMI).epochs(30)
        .hyperParameter("alpha", 0.25).values();
    assertEquals(30, values.get(TrainOptions.EPOCHS));
    assertEquals(HeadTypes.GM, values.get(TrainOptions.LOSS));
    var alpha = HeadTypes.GM.hyperParameters().get(0);
    assertEquals(0.25f, values.get(TrainOptions.value(alpha)));
    // The recipe's 30-epoch ramp, scaled to a 30-epoch run, from alpha's own start of 0.1.
    assertEquals(new HyperSchedule.Ramp(3, 0.1), values.get(TrainOptions.schedule(alpha)));
    assertEquals(Precision.FP32, values.get(TrainOptions.PRECISION));
    assertEquals(42L, values.get(TrainOptions.SEED));
  }
}
