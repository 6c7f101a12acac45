package gmloss.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import org.jline.terminal.TerminalBuilder;

/** Whether a person is watching: progress bars for a terminal, plain lines for a log. */
public final class Terminal {

  /** What a terminal whose width cannot be read is taken to have. */
  public static final int DEFAULT_WIDTH = 80;

  private static Integer width;

  private Terminal() {}

  /**
   * The terminal's width in columns, read once from the terminal itself (JLine asks the tty),
   * else from {@code COLUMNS}, else {@link #DEFAULT_WIDTH}. JLine is told to leave signal
   * handling alone, so that SIGINT still stops a run with a checkpoint. Ask only when
   * {@link #interactive()}: JLine may run {@code stty} to learn it.
   */
  public static synchronized int width() {
    if (width == null) {
      width = readWidth();
    }
    return width;
  }

  private static int readWidth() {
    try (org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true)
        .nativeSignals(false).signalHandler(org.jline.terminal.Terminal.SignalHandler.SIG_IGN)
        .dumb(true).build()) {
      if (terminal.getWidth() > 0) {
        return terminal.getWidth();
      }
    } catch (IOException | RuntimeException e) {
      // Fall back to COLUMNS.
    }
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").strip());
      return columns > 0 ? columns : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /**
   * True when the process talks to an interactive terminal. Before JDK 22 that is exactly when
   * {@code System.console()} exists; from JDK 22 on a console exists even with the output
   * redirected, and {@code Console.isTerminal()} (called by reflection, since this builds for 17)
   * tells.
   */
  public static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException olderJdk) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
