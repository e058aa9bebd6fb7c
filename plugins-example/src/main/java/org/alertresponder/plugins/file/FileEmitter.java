package org.alertresponder.plugins.file;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.PluginException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends each publication to a file as one line of JSON (the report's wire form), rotating the file when the
 * next line would make it larger than {@code maxSize}: {@code path} becomes {@code path.1}, {@code path.1}
 * becomes {@code path.2} and so on, and the file beyond {@code maxFiles} is deleted.
 *
 * <p>Writing happens on a worker thread, never on an event loop, since a slow disk (or an fsync) can take
 * milliseconds. Emits may come from several event loops at once, so one lock serialises the writes of this
 * emitter: a line is always written whole before the next one starts, and rotation never runs in the middle of
 * a write.
 *
 * <p>The file is opened for each line rather than kept open: publications are rare next to the cost of an
 * open, and a file that was moved or deleted by someone else (an operator, logrotate) is simply created again.
 */
final class FileEmitter implements Emitter {
  private final Vertx vertx;
  private final Path path;
  private final long maxSize;
  private final int maxFiles;
  private final boolean fsync;
  private final ReentrantLock lock = new ReentrantLock();

  FileEmitter(Vertx vertx, Path path, long maxSize, int maxFiles, boolean fsync) {
    this.vertx = vertx;
    this.path = path;
    this.maxSize = maxSize;
    this.maxFiles = maxFiles;
    this.fsync = fsync;
  }

  @Override
  public Future<Void> emit(Report report) {
    byte[] line = (ReportCodec.encode(report).encode() + "\n").getBytes(StandardCharsets.UTF_8);
    // Not ordered: the lock orders the writes, whichever context they come from, and an unordered task does
    // not wait behind unrelated blocking work of the caller's context.
    return vertx.<Void>executeBlocking(() -> {
      append(line);
      return null;
    }, false).recover(failure -> Future.failedFuture(new PluginException("could not write the report to " + path
        + ": " + describe(failure), true, failure)));
  }

  private void append(byte[] line) throws IOException {
    lock.lock();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      long size = sizeOf(path);
      // A file is rotated only when it already holds something: a line larger than max-size is still written,
      // alone in its file, rather than lost.
      if (size > 0 && size + line.length > maxSize) {
        rotate();
      }
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        long before = channel.size();
        try {
          ByteBuffer buffer = ByteBuffer.wrap(line);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          if (fsync) {
            channel.force(false);
          }
        } catch (IOException e) {
          // A full disk may take half a line. Cutting it off again keeps the file made of whole lines, so
          // that the engine's retry does not glue the next line to the remains of this one.
          truncateQuietly(channel, before);
          throw e;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(numbered(maxFiles));
    for (int i = maxFiles - 1; i >= 1; i--) {
      Path older = numbered(i);
      if (Files.exists(older)) {
        Files.move(older, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@code path.i}: the i-th newest rotated file. */
  Path numbered(int i) {
    return path.resolveSibling(path.getFileName() + "." + i);
  }

  private static long sizeOf(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private static void truncateQuietly(FileChannel channel, long size) {
    try {
      channel.truncate(size);
    } catch (IOException | RuntimeException e) {
      // Nothing more can be done: the write failed already, and that failure is what gets reported.
    }
  }

  private static String describe(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    return failure.getMessage() == null ? name : name + ": " + failure.getMessage();
  }
}
