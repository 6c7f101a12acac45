package gmloss.io;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is watching: progress bars for a terminal, plain lines for a log. */
public final class Terminal {

  private Terminal() {}

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
