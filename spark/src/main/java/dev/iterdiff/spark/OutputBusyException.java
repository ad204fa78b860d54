package dev.iterdiff.spark;

/**
 * An output directory another job is writing ({@link OutputLock}): the job stops before any
 * work, or before publishing if it lost the lock. The message names the directory, the run
 * that holds it and what to do.
 */
public class OutputBusyException extends IllegalStateException {

  public OutputBusyException(String message) {
    super(message);
  }
}
