package gmloss.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeLogFilterTest {

  @Test
  void theFilterKeepsEverythingElseAndPassesCarriageReturnsOn() throws IOException {
    String input = "WARNING: All log messages before absl::InitializeLog() is called are written"
        + " to STDERR\nI0000 00:00:1795954590.715380   19846 mlir_graph_optimization_pass.cc:401]"
        + " MLIR V1 optimization pass is not enabled\nepoch 1 [==  ] 10%\repoch 1 [====] 20%"
        + "\ngmloss train: error: I0000 is not a TensorFlow line here\nlast";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogFilter.copy(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
    assertEquals("epoch 1 [==  ] 10%\repoch 1 [====] 20%\ngmloss train: error: I0000 is not a"
        + " TensorFlow line here\nlast", out.toString(StandardCharsets.UTF_8));
  }
}
