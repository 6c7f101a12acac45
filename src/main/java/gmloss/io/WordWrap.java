package gmloss.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Text broken at spaces to fit a width, each line after a paragraph's first indented, as help
 * pages and terminals show long lines. A word longer than the width stays whole on its own line.
 */
public final class WordWrap {

  private WordWrap() {}

  /**
   * {@code text} with every line of it that is wider than {@code width} broken at spaces, the
   * continuation lines starting with {@code indent}.
   */
  public static String wrap(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      lines.addAll(wrapLine(paragraph, width, indent));
    }
    return String.join("\n", lines);
  }

  private static List<String> wrapLine(String line, int width, String indent) {
    List<String> lines = new ArrayList<>();
    String prefix = "";
    String rest = line;
    while ((prefix + rest).length() > width) {
      String candidate = prefix + rest;
      // A break leaves the line its own leading spaces, or the indent, and a word after them.
      int earliest = prefix.isEmpty() ? rest.length() - rest.stripLeading().length()
          : prefix.length();
      int cut = candidate.lastIndexOf(' ', width);
      if (cut <= earliest) {
        cut = candidate.indexOf(' ', width);
        if (cut < 0) {
          break;
        }
      }
      lines.add(candidate.substring(0, cut));
      rest = candidate.substring(cut + 1).stripLeading();
      prefix = indent;
    }
    lines.add(prefix + rest);
    return lines;
  }
}
