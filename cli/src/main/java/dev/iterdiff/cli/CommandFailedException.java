package dev.iterdiff.cli;

/**
 * A command that got valid input but failed while running (a solver diverged, a linear solve
 * missed its tolerance): exit status 1. The message is the one line shown to the user.
 */
public class CommandFailedException extends RuntimeException {

  public CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
