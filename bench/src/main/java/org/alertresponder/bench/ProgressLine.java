package org.alertresponder.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints how far a benchmark phase is, once a second, until stopped: what is done of the total and the
 * rate so far.
 */
final class ProgressLine {
  private final Thread thread;

  /**
   * @param unit      what is counted, in the plural ("alerts", "pairs")
   * @param remaining how many are left
   */
  ProgressLine(PrintStream console, String phase, String unit, long total, LongSupplier remaining) {
    long started = System.nanoTime();
    thread = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(1000);
          long done = total - remaining.getAsLong();
          double seconds = (System.nanoTime() - started) / 1e9;
          console.printf(Locale.ROOT, "  %s: %,d of %,d %s, %.0f %s/s%n", phase, done, total, unit, done / seconds,
              unit);
        }
      } catch (InterruptedException stop) {
        // The phase is over.
      }
    });
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    thread.interrupt();
  }
}
