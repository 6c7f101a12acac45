package gmloss.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gmloss.model.Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parameters weight decay reaches, role by role. */
class OptimizerSpecTest {

  private static boolean decays(Parameters.Role role, boolean decayAll, boolean decayMeans) {
    OptimizerSpec spec = new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.9f, true, 5e-4f,
        decayAll, 1f, decayMeans);
    return spec.decays(new Parameters.Trainable("p", null, null, role, 1f));
  }

  @Test
  void meansAreDecayedUnlessAskedNotToWhateverDecayAllSays() {
    for (boolean decayAll : List.of(false, true)) {
      assertEquals(true, decays(Parameters.Role.MEANS, decayAll, true));
      assertEquals(false, decays(Parameters.Role.MEANS, decayAll, false));
      assertEquals(true, decays(Parameters.Role.WEIGHT, decayAll, false));
      assertEquals(decayAll, decays(Parameters.Role.SCALE_AND_SHIFT, decayAll, false));
      assertEquals(false, decays(Parameters.Role.VARIANCES, decayAll, true));
    }
  }
}
