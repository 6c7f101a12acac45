package gmloss.network;

/** The loss the network is trained with, which decides its classifier head. */
public enum HeadKind {
  /** Large-margin Gaussian mixture loss over learned class means. */
  GM,
  /** Linear classifier and softmax cross entropy, the baseline. */
  SOFTMAX
}
