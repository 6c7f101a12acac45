/**
 * Small helpers every layer uses: atomic file writes and safe deletion
 * ({@link gmloss.io.SafeFiles}), JSON ({@link gmloss.io.Json}), enum names as options spell them
 * ({@link gmloss.io.EnumNames}), lines that drop their least telling fields to fit a width
 * ({@link gmloss.io.FittedLine}), resident memory and the project's version. Stateless and safe
 * from any thread.
 */
package gmloss.io;
