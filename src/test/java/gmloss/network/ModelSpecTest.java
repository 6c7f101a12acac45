package gmloss.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gmloss.data.ChannelStatistics;
import gmloss.io.Json;
import gmloss.loss.GmStructure;
import gmloss.loss.HeadStructure;
import gmloss.loss.Likelihood;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import gmloss.model.FeatureExtractor;
import gmloss.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model's spec as checkpoints keep it, and the networks a spec can name. */
class ModelSpecTest {

  private static ModelSpec spec(String head, HeadStructure structure) {
    return new ModelSpec(32, 32, 3, List.of("cat", "dog"), "resnet", 20, 2, head, structure,
        new ChannelStatistics(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
  }

  @Test
  void aSpecReadsBackAsWrittenWithItsHeadsOwnStructure() {
    ModelSpec gm = spec("gm", new GmStructure(MeansInit.HE, new Variance(
        Variance.Structure.DIAGONAL, Variance.Parameterisation.LOG, 0.5f), Likelihood.PAPER));
    String json = Json.GSON.toJson(gm);
    ModelSpec back = ModelSpec.GSON.fromJson(json, ModelSpec.class);
    assertEquals(gm.headStructure(), back.headStructure());
    assertEquals(json, Json.GSON.toJson(back));
    ModelSpec softmax = spec("softmax", new HeadStructure.None());
    assertEquals(Json.GSON.toJson(softmax),
        Json.GSON.toJson(ModelSpec.GSON.fromJson(Json.GSON.toJson(softmax), ModelSpec.class)));
    assertEquals("ResNet-20 gm model (feature 2, variance diagonal) of 32x32x3 images in 2"
        + " classes", gm.describe());
  }

  @Test
  void aSpecWithoutANetworkIsAResNetAndAnUnregisteredOneIsNamedInTheError() {
    ModelSpec old = new ModelSpec(28, 28, 1, List.of("a", "b"), null, 20, 0, "softmax",
        new HeadStructure.None(), new ChannelStatistics(new float[] {0}, new float[] {1}));
    assertEquals(NetworkTypes.RESNET, old.networkType());
    ModelSpec elsewhere = new ModelSpec(28, 28, 1, List.of("a", "b"), "not-here", 20, 0,
        "softmax", new HeadStructure.None(), old.normalization());
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        elsewhere::networkType);
    assertEquals(true, missing.getMessage().startsWith("the model's network not-here is not"
        + " registered in this process"));
  }

  @Test
  void anotherNetworkUnderATakenNameIsRefused() {
    NetworkType impostor = new NetworkType() {
      @Override
      public String name() {
        return "ResNet";
      }

      @Override
      public FeatureExtractor build(Parameters parameters, ModelSpec spec) {
        throw new UnsupportedOperationException();
      }
    };
    assertThrows(IllegalArgumentException.class, () -> NetworkTypes.register(impostor));
    NetworkTypes.register(NetworkTypes.RESNET);
    assertEquals(NetworkTypes.RESNET, NetworkTypes.named("RESNET").orElseThrow());
  }
}
