package dev.iterdiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a person reads in every command's help, for every (sub)command: no placeholder made of
 * a Java field name ({@code <forwardMaxTheta>}), no option described as "= --set …" instead of
 * what it does, no text picocli cannot format (a bare "%" warns on stderr), and {@code -V}
 * prints the version like {@code iterdiff --version}.
 */
class HelpTextTest {

  /** Every command's path, e.g. [bench, estimators]. */
  static List<List<String>> commands(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    for (var e : cl.getSubcommands().entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      commands(e.getValue(), p, out);
    }
    return out;
  }

  @Test
  void noJavaFieldNameAsAPlaceholderAndNoEqualsSetDescriptions() {
    Pattern field = Pattern.compile("<[a-z]+[A-Z][A-Za-z]*>");
    List<List<String>> all = commands(IterdiffCommand.commandLine(), List.of(),
        new ArrayList<>());
    assertTrue(all.size() > 10, all.toString());
    for (List<String> path : all) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      java.io.PrintStream stderr = System.err;
      java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
      CommandRun r;
      try { // picocli's tracer writes to System.err: a text it cannot format, e.g. "0.1 % d"
        System.setErr(new java.io.PrintStream(traced, true, java.nio.charset.StandardCharsets.UTF_8));
        r = CommandRun.of(args.toArray(String[]::new));
      } finally {
        System.setErr(stderr);
      }
      assertEquals(0, r.status(), path + ": " + r.err());
      String warnings = traced.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(!warnings.contains("picocli WARN"), path + " --help: " + warnings);
      Matcher m = field.matcher(r.out());
      assertTrue(!m.find(), path + " --help shows the field name " + (m.hitEnd() ? ""
          : m.group()) + ":\n" + r.out());
      assertTrue(!r.out().contains("= --set"), path + " --help describes an option as "
          + "'= --set …':\n" + r.out());
    }
  }

  @Test
  void everySubcommandPrintsTheVersion() {
    String want = CommandRun.of("--version").out();
    assertTrue(want.startsWith("iterdiff "), want);
    for (List<String> path : commands(IterdiffCommand.commandLine(), List.of(),
        new ArrayList<>())) {
      List<String> args = new ArrayList<>(path);
      args.add("-V");
      CommandRun r = CommandRun.of(args.toArray(String[]::new));
      assertEquals(0, r.status(), path + ": " + r.err());
      assertEquals(want, r.out(), path + " -V");
    }
  }
}
