/**
 * The {@code gmloss} command: one class per subcommand, mapping options onto the library's
 * calls, with exit codes, messages, the progress bar and the terminal's width. Nothing outside
 * this package depends on it.
 */
package gmloss.cli;
