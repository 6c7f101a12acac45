package gmloss.cli;

/** A command line that cannot be run: unknown option, invalid value. Exit code 2. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
