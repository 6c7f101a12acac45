package gmloss.cli;

/** The exit codes of {@code gmloss}. */
public final class ExitCode {

  public static final int OK = 0;
  /** Something failed while running: a file that cannot be read, a full disk. */
  public static final int FAILED = 1;
  /** A command line that cannot run: unknown option, bad value. */
  public static final int USAGE = 2;
  /** Training stopped because the loss stopped being a number. */
  public static final int DIVERGED = 3;
  /** A run stopped by SIGINT; the JVM's own exit code for the signal wins (130, or 143). */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
