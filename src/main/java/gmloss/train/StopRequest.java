package gmloss.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT and SIGTERM as a request to stop: while one is open, the JVM's shutdown waits until the
 * training loop has finished its step, written a checkpoint and closed this. The exit code stays
 * the JVM's for the signal, 130 or 143.
 */
public final class StopRequest implements AutoCloseable {

  /** Longest wait for the loop: a step, an evaluation and a checkpoint take far less. */
  private static final long WAIT_MINUTES = 10;

  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;
  private volatile String cause = "by a signal";

  private StopRequest(boolean onSignals) {
    hook = onSignals ? new Thread(this::stopAndWait, "stop-request") : null;
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** Stops the loop when the process is told to stop. */
  public static StopRequest onSignals() {
    return new StopRequest(true);
  }

  /** Never stops the loop: for training inside a program that handles signals itself. */
  public static StopRequest never() {
    return new StopRequest(false);
  }

  public boolean requested() {
    return requested;
  }

  /** Asks the loop to stop after its current step, as a signal would. */
  public void request() {
    cause = "on request";
    requested = true;
  }

  /** Why the loop stops, as the log says it: "by a signal" or "on request". */
  public String cause() {
    return cause;
  }

  private void stopAndWait() {
    requested = true;
    try {
      closed.await(WAIT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets a pending shutdown go on; stops listening for signals. */
  @Override
  public void close() {
    closed.countDown();
    if (hook != null && !requested) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it returns at once now.
      }
    }
  }
}
