package gmloss.options;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request that cannot be carried out as given: an unknown setting, a value out of range, a
 * directory that is not there, a resume that would change the model. The message names the
 * setting as the command line writes it ({@code --epochs two: not an integer}) and the problem;
 * the command line exits with code 2 for it. Unchecked: a program that builds its settings in
 * code has nothing to recover, and one that reads them from a user reads {@link #setting()}.
 */
public final class OptionException extends IllegalArgumentException {

  private static final Pattern SETTING = Pattern.compile("^--([a-z0-9][a-z0-9-]*)");

  public OptionException(String message) {
    super(message);
  }

  /** The setting the message is about ({@code epochs}), when it names one. */
  public Optional<String> setting() {
    Matcher matcher = SETTING.matcher(String.valueOf(getMessage()));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
