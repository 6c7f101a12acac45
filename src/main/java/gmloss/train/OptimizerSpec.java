package gmloss.train;

/**
 * The optimizer and its constants. Weight decay is wd/2 ||w||^2 added to the loss for every
 * decayed parameter (gradient wd * w, as Caffe's and PyTorch's weight_decay).
 */
public record OptimizerSpec(Kind kind, float momentum, boolean nesterov, float weightDecay) {

  public enum Kind { SGD, MOMENTUM, ADAM }
}
