package gmloss.network;

import com.google.gson.Gson;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import gmloss.data.ChannelStatistics;
import gmloss.io.Json;
import gmloss.loss.HeadStructure;
import gmloss.loss.HeadType;
import gmloss.loss.HeadTypes;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;

/**
 * Everything needed to rebuild a network's graph, stored next to every checkpoint.
 *
 * @param height input height in pixels
 * @param width input width in pixels
 * @param channels input channels (1 grey, 3 RGB)
 * @param classNames one name per class, in label order
 * @param network the name of the network's type ({@link NetworkTypes}); specs written before
 *     networks were plug-ins have none and are ResNets
 * @param depth ResNet depth, 6n+2 (another network may use it or not)
 * @param featureDim feature size; 0 keeps the network's own (the ResNet's pooled 64-d output)
 * @param head the name of the loss's head type ({@link HeadTypes})
 * @param headStructure what shapes the head's variables, of its type's structure record
 * @param normalization per-channel statistics of the training pixels (0..255 scale)
 */
public record ModelSpec(int height, int width, int channels, List<String> classNames,
    String network, int depth, int featureDim, String head, HeadStructure headStructure,
    ChannelStatistics normalization) {

  public ModelSpec {
    network = network == null ? NetworkTypes.RESNET.name() : network;
  }

  /** Reads specs, those of older checkpoints included, with each head's own structure. */
  public static final Gson GSON = Json.GSON.newBuilder()
      .registerTypeAdapter(ModelSpec.class, (JsonDeserializer<ModelSpec>) ModelSpec::read)
      .create();

  public int numClasses() {
    return classNames.size();
  }

  /**
   * The head type.
   *
   * @throws IllegalStateException if no head type has the spec's name
   */
  public HeadType headType() {
    return HeadTypes.named(head).orElseThrow(() -> new IllegalStateException("the model's head "
        + head + " is not one of " + HeadTypes.names()));
  }

  /**
   * The network's type.
   *
   * @throws IllegalStateException if no network of the spec's name is registered
   */
  public NetworkType networkType() {
    return NetworkTypes.named(network).orElseThrow(() -> new IllegalStateException("the"
        + " model's network " + network + " is not registered in this process (registered: "
        + NetworkTypes.names() + "); register it with NetworkTypes.register first"));
  }

  /** The network in words, as messages about a model name it. */
  public String describe() {
    String structure = headStructure.describe();
    String trunk = NetworkTypes.named(network).map(type -> type.describe(this)).orElse(network);
    return String.format(Locale.ROOT, "%s %s model (feature %s%s) of %dx%dx%d images in"
        + " %d classes", trunk, head, featureDim == 0 ? "pooled" : Integer.toString(featureDim),
        structure.isEmpty() ? "" : ", " + structure, height, width, channels, numClasses());
  }

  /**
   * A spec from JSON. Specs written before heads were plug-ins name the head GM or SOFTMAX and
   * keep the GM structure's fields beside the others; they read as today's.
   */
  private static ModelSpec read(JsonElement json, Type type,
      JsonDeserializationContext context) {
    JsonObject object = json.getAsJsonObject().deepCopy();
    if (!object.has("head")) {
      throw new JsonParseException("a model spec without a head");
    }
    String name = object.get("head").getAsString().toLowerCase(Locale.ROOT);
    HeadType headType = HeadTypes.named(name).orElseThrow(() -> new JsonParseException(
        "unknown head " + name + ", expected one of " + HeadTypes.names()));
    if (!object.has("headStructure")) {
      JsonObject structure = new JsonObject();
      for (String field : List.of("meansInit", "variance", "likelihood")) {
        JsonElement value = object.remove(field);
        if (value != null && !value.isJsonNull() && headType.name().equals("gm")) {
          structure.add(field, value);
        }
      }
      object.add("headStructure", structure);
    }
    HeadStructure structure = Json.GSON.fromJson(object.get("headStructure"),
        headType.structureType());
    object.remove("headStructure");
    object.addProperty("head", name);
    return Json.GSON.fromJson(object, Plain.class).spec(structure);
  }

  /** The fields of a spec besides the head's structure, as Gson reads them. */
  private record Plain(int height, int width, int channels, List<String> classNames,
      String network, int depth, int featureDim, String head,
      ChannelStatistics normalization) {

    ModelSpec spec(HeadStructure structure) {
      return new ModelSpec(height, width, channels, classNames, network, depth, featureDim,
          head, structure, normalization);
    }
  }
}
