package gmloss.cli;

import java.io.PrintStream;

/** One subcommand of {@code gmloss}. */
interface Command {

  String name();

  String summary();

  /**
   * Runs the command and returns its exit code.
   *
   * @throws UsageException for a command line that cannot run (exit code 2)
   * @throws Exception for anything that failed while running (exit code 1)
   */
  int run(String[] args, PrintStream out) throws Exception;
}
