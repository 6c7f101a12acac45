/**
 * Options by name, as the command line and {@code run.json} spell them:
 * {@link gmloss.options.OptionSpecs} declares them with their defaults and help,
 * {@link gmloss.options.OptionValues} parses and checks values, and
 * {@link gmloss.options.OptionException} names the option at fault. Values are immutable.
 */
package gmloss.options;
