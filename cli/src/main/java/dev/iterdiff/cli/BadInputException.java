package dev.iterdiff.cli;

/**
 * Bad input found while running a command (an option's value, a data file): exit status 2.
 * The message is the one line shown to the user and names the option and the value, e.g.
 * {@code "--theta '1,x': 'x' is not a number"}.
 */
public class BadInputException extends RuntimeException {

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
