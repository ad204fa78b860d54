package dev.iterdiff.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command ends on an error: ONE line on stderr, {@code "<command>: <message>"},
 * and the exit status — {@link #EXIT_BAD_INPUT} for usage errors, {@link BadInputException}
 * and {@link IllegalArgumentException}; {@link #EXIT_FAILURE} for everything else. The stack
 * trace follows only when {@code --verbose} is on the command line.
 */
final class ErrorReporting implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** Success. */
  static final int EXIT_OK = 0;
  /** A runtime failure on valid input. */
  static final int EXIT_FAILURE = 1;
  /** Bad usage or bad input. */
  static final int EXIT_BAD_INPUT = 2;

  private final boolean verbose;

  /** @param args the raw command line; {@code --verbose} anywhere turns on stack traces. */
  ErrorReporting(String[] args) {
    this.verbose = Arrays.asList(args).contains("--verbose");
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    report(e.getCommandLine(), e.getMessage(), e);
    return EXIT_BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof BadInputException || e instanceof ParameterException) {
      report(command, e.getMessage(), e);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof IllegalArgumentException) {
      report(command, e.getMessage(), e);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof CommandFailedException) {
      report(command, e.getMessage(), e);
      return EXIT_FAILURE;
    }
    String hint = verbose ? "" : " (rerun with --verbose for the stack trace)";
    report(command, e.getClass().getSimpleName() + ": " + e.getMessage() + hint, e);
    return EXIT_FAILURE;
  }

  /**
   * Control characters (C0, DEL, C1), the byte-order mark and line / paragraph separators as
   * {@code \\uXXXX}: bytes of a data file quoted in a message never reach the terminal raw.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\ufeff' || c == '\u2028'
          || c == '\u2029') {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private void report(CommandLine command, String message, Throwable e) {
    PrintWriter err = command.getErr();
    String oneLine = String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    err.println(command.getCommandSpec().qualifiedName() + ": " + escape(oneLine));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
  }
}
