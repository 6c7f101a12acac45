package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.export.ModelCard;
import gmloss.loss.GmStructure;
import gmloss.loss.HeadStructure;
import gmloss.loss.Likelihood;
import gmloss.loss.MeansInit;
import gmloss.loss.Variance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and model cards written before heads were plug-ins, with GM's alpha and lambda in
 * fields of their own, read as today's: runs of that time resume, their models load.
 */
class LegacyStateTest {

  @TempDir
  Path work;

  /** A state.json as the earlier layout wrote it, for a run of {@code head}. */
  private static String oldState(String head) {
    String epoch = "{\"epoch\":0,\"learningRate\":0.1,\"alpha\":0.1,\"lambda\":0.05,"
        + "\"trainLoss\":1.5,\"trainLikelihood\":0.2,\"trainAccuracy\":0.5,\"testLoss\":1.2,"
        + "\"testAccuracy\":0.6,\"imagesPerSecond\":100,\"elapsedSeconds\":10}";
    return "{\"spec\":{\"height\":28,\"width\":28,\"channels\":1,\"classNames\":[\"a\",\"b\"],"
        + "\"depth\":20,\"featureDim\":0,\"head\":\"" + head + "\",\"meansInit\":\"GLOROT\","
        + "\"variance\":{\"shape\":\"ISOTROPIC\",\"parameterisation\":\"LOG\","
        + "\"learningRateMultiplier\":0.1},"
        + "\"normalization\":{\"mean\":[72.9],\"std\":[90.0]}},\"dataset\":\"fashion-mnist\","
        + "\"command\":\"gmloss train\",\"resumes\":0,"
        + "\"alpha\":{\"value\":0.1,\"schedule\":\"constant\",\"last\":0.1},"
        + "\"lambda\":{\"value\":0.1,\"schedule\":\"ramp:1:0.01\",\"last\":0.05},"
        + "\"epochsDone\":1,\"iterations\":10,\"batchesPerEpoch\":10,\"history\":[" + epoch
        + "],\"trainingSeconds\":9,\"elapsedSeconds\":10,\"logBytes\":0,\"testImages\":100}";
  }

  private Checkpoint.State read(String text) throws IOException {
    Path directory = Files.createDirectories(work.resolve("step-00000010"));
    Files.writeString(directory.resolve("state.json"), text);
    return new Checkpoint(directory).readState();
  }

  @Test
  void anOldGmStateReadsWithItsHyperParametersByNameAndTheHeadsStructure() throws IOException {
    Checkpoint.State state = read(oldState("GM"));
    assertEquals("gm", state.spec().head());
    // The likelihood was not recorded then: Caffe's, as those runs trained with.
    assertEquals(new GmStructure(MeansInit.GLOROT,
        new Variance(Variance.Structure.ISOTROPIC, Variance.Parameterisation.LOG, 0.1f),
        Likelihood.CAFFE), state.spec().headStructure());
    assertEquals(List.of("alpha", "lambda"), List.copyOf(state.hyperParameters().keySet()));
    assertEquals(new Checkpoint.Scheduled(0.1f, "ramp:1:0.01", 0.05f),
        state.hyperParameters().get("lambda"));
    assertEquals(0.05f, state.history().get(0).hyperParameters().get("lambda"));
    assertEquals("ResNet-20 gm model (feature pooled, variance isotropic) of 28x28x1 images in"
        + " 2 classes", state.spec().describe());
  }

  @Test
  void anOldSoftmaxStateKeepsNoneOfTheGmFieldsItRecordedWithoutUse() throws IOException {
    Checkpoint.State state = read(oldState("SOFTMAX"));
    assertEquals("softmax", state.spec().head());
    assertEquals(new HeadStructure.None(), state.spec().headStructure());
    assertTrue(state.hyperParameters().isEmpty());
    assertTrue(state.history().get(0).hyperParameters().isEmpty());
    assertEquals("epoch,lr,train_loss", EpochMetrics.csvHeader(List.of()).substring(0, 19));
  }

  @Test
  void aCardOfTheEarlierLayoutGathersItsHeadsFields() throws IOException {
    ModelCard card = ModelCard.read(Path.of("savedmodels/fashion-mnist-gm-resnet20"));
    assertEquals("gm", card.loss());
    assertEquals(new Checkpoint.Scheduled(0.1f, "constant", 0.1f),
        card.hyperParameters().get("alpha"));
    assertEquals("none", card.head().get("variance"));
    assertEquals("caffe", card.head().get("likelihood"));
  }
}
