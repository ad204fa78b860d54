package dev.iterdiff.study;

import java.util.List;
import java.util.stream.Collectors;

/** The catalog of studies: every name {@code iterdiff study} accepts, in a fixed order. */
public final class Studies {

  /** All studies. */
  public static final List<Study> ALL = List.of(new CurseOfUnrollingStudy(),
      new ImplicitErrorStudy(), new OneStepRidgeStudy(), new OneStepTimingStudy(),
      new OneStepHypergradientStudy());

  /** Their names. */
  public static final List<String> NAMES =
      ALL.stream().map(Study::name).collect(Collectors.toUnmodifiableList());

  private Studies() {}

  /**
   * The study called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones.
   */
  public static Study byName(String name) {
    for (Study s : ALL) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown study '" + name + "' (valid: "
        + String.join(", ", NAMES) + ")");
  }
}
