package dev.iterdiff.spec;

import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.problem.Problem;
import dev.iterdiff.problem.ProblemEntry;
import dev.iterdiff.problem.Problems;
import java.io.Serializable;

/**
 * An inner problem by its catalog name ({@link Problems#CATALOG}) and its fixed ℓ₂ weight.
 *
 * @param name  a problem of the catalog (any accepted spelling; stored canonical).
 * @param alpha the fixed ℓ₂ weight of the problems that have one (weighted-ridge: α ≥ 0,
 *              weighted-logistic: λ &gt; 0, checked by the problem); ignored by the others.
 *              The CLI's and the jobs' default is {@link #DEFAULT_ALPHA}.
 */
public record ProblemSpec(String name, double alpha) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default fixed ℓ₂ weight α. */
  public static final double DEFAULT_ALPHA = 1.0;

  /**
   * @throws dev.iterdiff.catalog.UnknownNameException for a name not in the catalog (listing
   *         the valid ones).
   * @throws IllegalArgumentException for a negative or non-finite α.
   */
  public ProblemSpec {
    name = Problems.CATALOG.canonical(name);
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("problem " + name + ": alpha must be finite and >= 0, "
          + "got " + alpha);
    }
  }

  /** The problem with the default α. */
  public static ProblemSpec of(String name) {
    return new ProblemSpec(name, DEFAULT_ALPHA);
  }

  /** The problem's catalog entry (its factory and capabilities). */
  public ProblemEntry entry() {
    return Problems.CATALOG.get(name);
  }

  /**
   * The outer loss that measures this problem's fit on held-out data: its catalog entry's
   * {@link ProblemEntry#outerLoss()}, never guessed from the name.
   */
  public String outerLoss() {
    return entry().outerLoss();
  }

  /**
   * A new problem instance (own workspaces: one per thread).
   *
   * @param data        the (training) data, used as given.
   * @param thetaLength dim θ: what the problem accepts (see its catalog description).
   * @throws IllegalArgumentException on a θ length or α the problem does not accept.
   */
  public Problem create(LabeledData data, int thetaLength) {
    return entry().factory().create(data, thetaLength, alpha);
  }
}
