package dev.iterdiff.cli;

import dev.iterdiff.study.Studies;
import dev.iterdiff.study.Study;
import dev.iterdiff.study.StudyOptions;
import dev.iterdiff.study.StudyResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code iterdiff study NAME [--out DIR] [--full] [--seed S]}: reproduces one paper's figure
 * with the project's own solvers and estimators ({@link Studies}) and writes
 * {@code DIR/NAME.csv}, {@code .png} and {@code .svg}, printing each file written and what
 * the numbers show. An unknown name exits 2 listing the valid ones.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = "Reproduce a paper's figure: writes DIR/NAME.csv (the numbers), "
        + "DIR/NAME.png and DIR/NAME.svg (the figure).%n%nStudies:%n${sys:iterdiff.study.list}")
public final class StudyCommand implements Callable<Integer> {

  static {
    // the list in the help text: one line per study (picocli interpolates ${sys:...} in a
    // command's description; ${COMPLETION-CANDIDATES} only works in an option's)
    System.setProperty("iterdiff.study.list", String.join("%n", new Names()));
  }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", completionCandidates = Names.class,
      description = "The study to run (listed above).")
  String name;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "studies",
      description = "Directory for the CSV, PNG and SVG files (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--full", description = "The paper's sizes (minutes) instead of the "
      + "default small ones (a minute or two).")
  boolean full;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale", paramLabel = "D", defaultValue = "1", hidden = true,
      description = "Divide the default iterations and rows by D (tests).")
  int scale;

  /** The study names, for the help text. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Studies.ALL.stream().map(s -> String.format(Locale.ROOT, "  %-23s %s", s.name(),
          s.description())).iterator();
    }
  }

  @Override
  public Integer call() {
    Study study;
    try {
      study = Studies.byName(name);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("NAME: " + e.getMessage());
    }
    if (scale < 1) {
      throw new BadInputException("--scale: must be >= 1, got " + scale);
    }
    PrintWriter w = spec.commandLine().getOut();
    long start = System.nanoTime();
    StudyResult result;
    try {
      result = study.run(new StudyOptions(out, full, scale, seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    for (String f : result.findings()) {
      w.println(f);
    }
    for (Path p : result.files()) {
      w.println("wrote " + p);
    }
    w.printf(Locale.ROOT, "%s: %.1f s%n", study.name(), (System.nanoTime() - start) * 1e-9);
    return 0;
  }
}
