package dev.iterdiff.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The result of running {@code iterdiff ARGS} in-process: exit status, stdout, stderr. */
record CommandRun(int status, String out, String err) {

  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = IterdiffCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CommandRun(status, out.toString(), err.toString());
  }

  /** stderr as lines (no trailing newline). */
  String[] errLines() {
    return err.isEmpty() ? new String[0] : err.strip().split("\\R");
  }
}
