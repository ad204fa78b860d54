package dev.iterdiff.spark.hyperopt;

/**
 * A fold's outer loss or hypergradient came back non-finite (issue 10 item 2): the tuning
 * stops rather than step on NaN. {@link HyperoptJob} adds the outer step to the message.
 */
public final class NonFiniteFoldException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int fold;

  /**
   * @param fold the first fold (in fold order) with a non-finite result.
   * @param what what was not finite, with its value.
   */
  public NonFiniteFoldException(int fold, String what) {
    this(fold, "fold " + fold + ": " + what, null);
  }

  private NonFiniteFoldException(int fold, String message, Throwable cause) {
    super(message, cause);
    this.fold = fold;
  }

  /** The fold. */
  public int fold() {
    return fold;
  }

  /** The same failure named with the outer step it happened at. */
  NonFiniteFoldException atStep(int step) {
    return new NonFiniteFoldException(fold, "outer step " + step + ", " + getMessage(), this);
  }
}
