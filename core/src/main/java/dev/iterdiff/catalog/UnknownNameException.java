package dev.iterdiff.catalog;

import java.util.List;

/**
 * A name that no entry of a catalog has. The message names the kind, the value and the valid
 * names: {@code unknown solver 'sgd' (valid: gd, heavy-ball, newton)}. Callers that know the
 * option or config key prepend it ({@code --solver: …}, {@code sweep.solver.name: …}).
 */
public final class UnknownNameException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String value;
  private final List<String> valid;

  /**
   * @param kind  what was looked up (solver, problem, …).
   * @param value the name given (may be null).
   * @param valid the canonical names of the catalog.
   */
  public UnknownNameException(String kind, String value, List<String> valid) {
    super("unknown " + kind + " '" + value + "' (valid: " + String.join(", ", valid) + ")");
    this.kind = kind;
    this.value = value;
    this.valid = List.copyOf(valid);
  }

  /** What was looked up. */
  public String kind() {
    return kind;
  }

  /** The name given. */
  public String value() {
    return value;
  }

  /** The valid names, in registration order. */
  public List<String> valid() {
    return valid;
  }
}
