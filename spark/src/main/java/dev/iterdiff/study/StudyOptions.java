package dev.iterdiff.study;

import java.nio.file.Path;

/**
 * What every study takes.
 *
 * @param out   output directory (created).
 * @param full  the paper's sizes (minutes) instead of the default small ones (a minute or two).
 * @param scale a divisor of the default sizes for tests (1 = as documented; 4 = a quarter of
 *              the iterations and rows where a study allows it).
 * @param seed  random seed of the generated data.
 */
public record StudyOptions(Path out, boolean full, int scale, long seed) {

  /** @throws IllegalArgumentException on a null directory or a scale below 1. */
  public StudyOptions {
    if (out == null) {
      throw new IllegalArgumentException("study: output directory must be set");
    }
    if (scale < 1) {
      throw new IllegalArgumentException("study: scale must be >= 1, got " + scale);
    }
  }

  /** Default sizes, seed 1. */
  public static StudyOptions defaults(Path out) {
    return new StudyOptions(out, false, 1, 1);
  }
}
