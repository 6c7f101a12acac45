package gmloss.options;

/**
 * A request that cannot be carried out as given: an unknown option, a value out of range, a
 * directory that is not there, a resume that would change the model. The message names the
 * option and the problem; the command line exits with code 2 for it.
 */
public final class OptionException extends Exception {

  public OptionException(String message) {
    super(message);
  }
}
