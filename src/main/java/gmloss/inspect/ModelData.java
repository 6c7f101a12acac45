package gmloss.inspect;

import gmloss.data.DataRequest;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.options.OptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The dataset a model is questioned on: the one requested, or else the model's own (from its
 * card), found where training finds it, and checked to fit the model.
 *
 * @param directory where it was read from, for messages
 * @param request what was asked for, whose option names messages use
 */
public record ModelData(Dataset data, Path directory, DataRequest request) {

  public static ModelData load(LoadedModel model, DataRequest request)
      throws OptionException, IOException {
    DatasetKind kind = request.kind(model.card().dataset());
    Path directory = request.directory(kind, model.card().dataset());
    return new ModelData(kind.load(directory, false), directory, request);
  }

  /** Refuses images the model was not made for: another image shape or number of classes. */
  public void requireFits(LoadedModel model, ImageSet images) throws OptionException {
    List<Integer> shape = List.of(images.height(), images.width(), images.channels());
    if (!shape.equals(model.imageShape())) {
      throw new OptionException(String.format(Locale.ROOT, "--%s %s: images are %s, the"
          + " model takes %s (height, width, channels)", request.dirOption(), directory, shape,
          model.imageShape()));
    }
    if (data.numClasses() != model.card().classNames().size()) {
      throw new OptionException("--" + request.dirOption() + " " + directory + ": "
          + data.numClasses() + " classes, the model has " + model.card().classNames().size());
    }
  }
}
