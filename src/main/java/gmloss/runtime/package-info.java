/**
 * What the process needs before TensorFlow loads and what the machine offers:
 * {@link gmloss.runtime.NativeSetup} turns oneDNN on and filters TensorFlow's notices,
 * {@link gmloss.runtime.Cpu} reads the CPU's model and flags (bfloat16 units) from
 * {@code /proc/cpuinfo}.
 */
package gmloss.runtime;
