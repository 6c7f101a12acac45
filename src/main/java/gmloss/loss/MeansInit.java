package gmloss.loss;

import gmloss.model.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** How the class means start. All three are small and centred, as in the references. */
public enum MeansInit {
  /** Normal with standard deviation 0.1, as in the authors' TPAMI code. */
  NORMAL,
  /** Glorot-uniform on [C, D], as in the authors' TensorFlow demo. */
  GLOROT,
  /** He-normal with fan-in D, which the gluon_GMLoss port found useful for the means. */
  HE;

  static final float NORMAL_STD = 0.1f;

  Operand<TFloat32> initialValue(Initializers init, int numClasses, int featureDim) {
    Shape shape = Shape.of(numClasses, featureDim);
    return switch (this) {
      case NORMAL -> init.normal(shape, NORMAL_STD);
      case GLOROT -> init.glorotUniform(shape, featureDim, numClasses);
      case HE -> init.heNormal(shape, featureDim);
    };
  }
}
