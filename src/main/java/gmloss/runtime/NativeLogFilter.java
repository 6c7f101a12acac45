package gmloss.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Passes a child's standard error on, without the two lines TensorFlow's native code prints
 * before its logging is set up (TF_CPP_MIN_LOG_LEVEL does not reach them). Each piece is passed
 * on as soon as its line ends, at a newline or at the carriage return a progress bar redraws
 * with.
 */
public final class NativeLogFilter {

  private static final Pattern NATIVE = Pattern.compile(
      "WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to"
          + " STDERR|[IWEF]\\d{4} [\\d:.]+ +\\d+ [\\w./-]+:\\d+\\] .*");

  private NativeLogFilter() {}

  /** Copies {@code in} to {@code out} until the end, leaving out TensorFlow's own lines. */
  public static void copy(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream piece = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n' || b == '\r') {
        String text = piece.toString(StandardCharsets.UTF_8);
        if (!NATIVE.matcher(text).matches()) {
          piece.writeTo(out);
          out.write(b);
          out.flush();
        }
        piece.reset();
      } else {
        piece.write(b);
      }
    }
    piece.writeTo(out);
    out.flush();
  }
}
