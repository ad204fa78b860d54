package dev.iterdiff.bilevel;

import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.DataTerm;
import dev.iterdiff.problem.LabeledData;

/**
 * An outer objective made of a {@link DataTerm} on held-out rows, unweighted and independent of
 * θ: g(x) = D(x; 1), ∇ₓg = ∇ₓD(x; 1), ∂_θg = 0. The catalog's {@code squared}
 * (1/(2V)·‖Ax − b‖², {@code SquaredLoss.mean}) and {@code logistic}
 * (1/V·Σᵢ log(1 + exp(−yᵢaᵢᵀx)), {@code LogisticLoss.mean}) losses are such objectives, built
 * from the same data terms as the inner problems. Workspace: one vector of length V (the
 * misclassification scores). Not thread-safe.
 */
public class ValidationLoss implements OuterObjective {

  private final String name;
  private final DataTerm term;
  private final LabeledData data;
  private final double[] scores;
  private final double[] weights;

  /**
   * @param name the loss's name as configs spell it.
   * @param term the data term on the held-out rows (own workspaces).
   * @throws IllegalArgumentException on a null argument.
   */
  public ValidationLoss(String name, DataTerm term) {
    this(name, term, null);
  }

  /**
   * The loss with fixed row weights: g(x) = D(x; w) (for the mean terms with weights of mean 1,
   * Σᵢwᵢℓᵢ/Σᵢwᵢ — Spark ML's weighted evaluation).
   *
   * @param weights one weight per held-out row (finite, ≥ 0), or null for unit weights. Copied.
   * @throws IllegalArgumentException on a null name or term, or weights of another length.
   */
  public ValidationLoss(String name, DataTerm term, double[] weights) {
    if (name == null || term == null) {
      throw new IllegalArgumentException("validation loss: name and data term must be non-null");
    }
    this.name = name;
    this.term = term;
    this.data = term.data();
    this.scores = new double[data.rows()];
    if (weights != null) {
      Checks.length("validation loss: weights", weights, data.rows());
    }
    this.weights = weights == null ? null : weights.clone();
  }

  /** The same loss (named subclasses keep their historical constructors this way). */
  protected ValidationLoss(ValidationLoss loss) {
    this(loss.name, loss.term, loss.weights);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int featureCount() {
    return data.cols();
  }

  @Override
  public int samples() {
    return data.rows();
  }

  @Override
  public double value(double[] x, double[] theta) {
    return term.value(x, weights);
  }

  @Override
  public void gradientX(double[] x, double[] theta, double[] out) {
    term.gradient(x, weights, out);
  }

  /** Misclassification of sign(aᵢᵀx) against sign(bᵢ) (meaningful for ±1 targets). */
  @Override
  public double misclassification(double[] x) {
    Checks.length("x", x, data.cols());
    data.multiply(x, scores);
    double[] labels = data.labels();
    int wrong = 0;
    for (int i = 0; i < scores.length; i++) {
      if ((scores[i] > 0) != (labels[i] > 0)) {
        wrong++;
      }
    }
    return (double) wrong / scores.length;
  }
}
