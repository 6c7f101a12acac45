package gmloss.io;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A line of fields that must fit a terminal's width: fields are shown in the order they were
 * added, joined by two spaces, and dropped, least important first, until the line fits.
 */
public final class FittedLine {

  private record Field(String text, int rank) {}

  private final List<Field> fields = new ArrayList<>();

  /**
   * Adds a field.
   *
   * @param rank how late it is dropped: the field of the highest rank goes last
   */
  public FittedLine add(String text, int rank) {
    fields.add(new Field(text, rank));
    return this;
  }

  /** Every field. */
  public String full() {
    return join(fields);
  }

  /** As many fields as fit {@code width} characters; the field of the highest rank always. */
  public String fit(int width) {
    List<Field> kept = new ArrayList<>(fields);
    while (kept.size() > 1 && join(kept).length() > width) {
      Field least = kept.get(0);
      for (Field field : kept) {
        if (field.rank() <= least.rank()) {
          least = field;
        }
      }
      kept.remove(least);
    }
    return join(kept);
  }

  private static String join(List<Field> shown) {
    return shown.stream().map(Field::text).collect(Collectors.joining("  "));
  }
}
