/**
 * Speed of training and inference: {@link gmloss.bench.Benchmark} times the training step and the
 * serving signature of a ResNet as {@code gmloss train} builds it, {@link gmloss.bench.MachinePeak}
 * gives the nominal peak of the CPU per precision, and {@link gmloss.bench.OpProfile} sums the
 * kernel time of traced steps by op type. A benchmark owns its graph and session; run one at a
 * time per process, as the thread pools it measures are the process's.
 */
package gmloss.bench;
