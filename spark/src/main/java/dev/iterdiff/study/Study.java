package dev.iterdiff.study;

import java.io.IOException;

/**
 * One experiment of a paper, end to end: solve, estimate, measure against a reference, write
 * {@code DIR/NAME.csv} (the numbers) and {@code DIR/NAME.png} / {@code .svg} (the figure).
 * Stateless: {@link #run} may be called many times.
 */
public interface Study {

  /** Name as {@code iterdiff study NAME} spells it. */
  String name();

  /** One line: the paper and figure reproduced. */
  String description();

  /**
   * Runs the study.
   *
   * @param options output directory, size, seed.
   * @return the files written and one-line findings to print.
   * @throws IOException if an output cannot be written.
   */
  StudyResult run(StudyOptions options) throws IOException;
}
