package dev.iterdiff.study;

import java.nio.file.Path;
import java.util.List;

/**
 * What a study wrote and found.
 *
 * @param files    the files written (CSV, PNG, SVG).
 * @param findings one-line statements read off the numbers (fitted rates, peaks).
 */
public record StudyResult(List<Path> files, List<String> findings) {

  /** Copies the lists. */
  public StudyResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }
}
