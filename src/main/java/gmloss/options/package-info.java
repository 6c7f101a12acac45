/**
 * Options by name, as the command line and {@code run.json} spell them:
 * {@link gmloss.options.Setting} declares one typed, with the values it takes and its default,
 * {@link gmloss.options.OptionSpecs} a task's table of them with their help,
 * {@link gmloss.options.OptionValues} reads values, typed and checked, and
 * {@link gmloss.options.OptionException} names the option at fault. Settings and tables of
 * values are immutable.
 */
package gmloss.options;
