package gmloss.io;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Command lines as argument lists, and as a POSIX shell reads them back: a word of safe
 * characters as it is, any other in single quotes, so that a printed command can be pasted and
 * a path with spaces survives.
 */
public final class ShellWords {

  /** Characters a shell takes literally outside quotes. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /** {@code words} as one line a POSIX shell splits back into the same words. */
  public static String quote(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** One word for a POSIX shell: as it is when safe, else in single quotes. */
  public static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The words of a command line that earlier records kept as one string, its words joined by
   * single spaces (a word with a space in it cannot be told apart there).
   */
  public static List<String> ofSpaced(String line) {
    return Arrays.stream(line.strip().split(" +")).filter(word -> !word.isEmpty()).toList();
  }
}
