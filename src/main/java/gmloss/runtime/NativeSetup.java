package gmloss.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * What must happen in this process before TensorFlow loads. TensorFlow-Java's runtime leaves
 * oneDNN off unless TF_ENABLE_ONEDNN_OPTS=1 is in the environment when TensorFlow first reads
 * it; with it, ResNet-20 trains about 1.8x faster on a 2-core x86 CPU. The JDK cannot change its
 * own environment, but the C library can, and TensorFlow reads the C library's: so the variable
 * is set with libc's setenv (through JNA), unless the user set it (to 0 or 1).
 *
 * <p>The library's entry points ({@code TrainingRun}, {@code LoadedModel}) call
 * {@link #enableOneDnn}; the command line calls {@link #prepare}, which also keeps TensorFlow's
 * own notices out of the way unless {@code --verbose} is given: TF_CPP_MIN_LOG_LEVEL=2, and
 * standard error (file descriptor 2, which native code writes to directly) is passed through
 * {@link NativeLogFilter} by a pipe and a thread that copies what comes through it to the real
 * standard error.
 */
public final class NativeSetup {

  public static final String ONE_DNN = "TF_ENABLE_ONEDNN_OPTS";
  public static final String LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";
  private static final int STDERR = 2;
  private static final String JNA_LIBRARY_PATH = "jna.platform.library.path";

  /** The C library calls this needs; JNA maps them by name. */
  interface CLibrary extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);

    int pipe(int[] fds);

    int dup(int fd);

    int dup2(int from, int to);

    int close(int fd);

    long read(int fd, byte[] buffer, long count);

    long write(int fd, byte[] buffer, long count);
  }

  private static CLibrary libc;
  private static boolean attempted;
  private static int savedStderr = -1;
  private static Thread copier;

  private NativeSetup() {}

  /**
   * Turns oneDNN on for this process unless the environment already decides; a no-op once
   * TensorFlow has read it. Without a C library (not Linux or macOS) it changes nothing and says
   * so on {@code err}.
   *
   * @return whether the C library could be reached
   */
  public static synchronized boolean enableOneDnn(PrintStream err) {
    if (!attempted) {
      attempted = true;
      // JNA otherwise runs ldconfig -p to learn the library path; libc is found by its soname.
      if (System.getProperty(JNA_LIBRARY_PATH) == null) {
        System.setProperty(JNA_LIBRARY_PATH, "");
      }
      try {
        libc = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        libc.setenv(ONE_DNN, "1", 0);
      } catch (UnsatisfiedLinkError e) {
        err.println("gmloss: cannot reach the C library to turn oneDNN on (" + e.getMessage()
            + "); set " + ONE_DNN + "=1 yourself for the faster CPU kernels");
      }
    }
    return libc != null;
  }

  /**
   * Turns oneDNN on and, unless {@code verbose}, filters standard error until {@link #finish}.
   */
  public static synchronized void prepare(boolean verbose, PrintStream err) {
    if (enableOneDnn(err) && !verbose && libc.getenv(LOG_LEVEL) == null) {
      libc.setenv(LOG_LEVEL, "2", 0);
      filterStandardError();
    }
  }

  /** Whether oneDNN is on for TensorFlow in this process, as TensorFlow will read it. */
  public static boolean oneDnnOn() {
    String value = libc != null ? libc.getenv(ONE_DNN) : System.getenv(ONE_DNN);
    return "1".equals(value);
  }

  private static void filterStandardError() {
    int[] fds = new int[2];
    if (libc.pipe(fds) != 0) {
      return;
    }
    savedStderr = libc.dup(STDERR);
    libc.dup2(fds[1], STDERR);
    libc.close(fds[1]);
    int readEnd = fds[0];
    int target = savedStderr;
    copier = new Thread(() -> {
      try {
        NativeLogFilter.copy(new BufferedInputStream(new DescriptorInput(readEnd)),
            new DescriptorOutput(target));
      } catch (IOException e) {
        // The real standard error is gone; there is nowhere left to report it.
      } finally {
        libc.close(readEnd);
      }
    }, "stderr-filter");
    copier.setDaemon(true);
    copier.start();
    // A signal ends the JVM without finish(): what is still in the pipe is passed on first.
    Runtime.getRuntime().addShutdownHook(new Thread(NativeSetup::finish, "stderr-restore"));
  }

  /**
   * Puts the real standard error back and waits until everything written before has been passed
   * on; later writes go straight to it.
   */
  public static synchronized void finish() {
    if (savedStderr < 0) {
      return;
    }
    System.err.flush();
    // Pointing fd 2 back closes the pipe's last write end: the copier drains it, sees its end
    // and passes everything on to the real standard error, which stays open until then.
    libc.dup2(savedStderr, STDERR);
    try {
      copier.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    libc.close(savedStderr);
    savedStderr = -1;
  }

  /** Reads a file descriptor with the C library. */
  private static final class DescriptorInput extends InputStream {
    private final int fd;

    DescriptorInput(int fd) {
      this.fd = fd;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      byte[] chunk = offset == 0 ? buffer : new byte[length];
      long count = libc.read(fd, chunk, length);
      if (count < 0) {
        throw new IOException("cannot read the standard error pipe");
      }
      if (chunk != buffer) {
        System.arraycopy(chunk, 0, buffer, offset, (int) count);
      }
      return count == 0 ? -1 : (int) count;
    }
  }

  /** Writes a file descriptor with the C library. */
  private static final class DescriptorOutput extends OutputStream {
    private final int fd;

    DescriptorOutput(int fd) {
      this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      byte[] chunk = offset == 0 ? buffer : java.util.Arrays.copyOfRange(buffer, offset,
          offset + length);
      for (int done = 0; done < length; ) {
        byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, length);
        long count = libc.write(fd, rest, length - done);
        if (count <= 0) {
          throw new IOException("cannot write standard error");
        }
        done += (int) count;
      }
    }
  }
}
