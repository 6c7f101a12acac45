package gmloss.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON configuration of the project: readable, and NaN written rather than refused. */
public final class Json {

  public static final Gson GSON = new GsonBuilder().setPrettyPrinting()
      .serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private Json() {}
}
