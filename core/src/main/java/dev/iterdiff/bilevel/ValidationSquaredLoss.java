package dev.iterdiff.bilevel;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.problem.LabeledData;

/**
 * Validation squared loss g(x) = 1/(2N)·‖A x − b‖², ∇ₓg = Aᵀ(A x − b)/N, on a held-out data
 * set (A, b), N rows. The scaling matches the {@code ridge} inner problem's data term.
 */
public final class ValidationSquaredLoss implements OuterObjective {

  private final LabeledData data;
  private final double[] residual;

  /** @param data held-out rows; the same features as the inner problem. Not modified. */
  public ValidationSquaredLoss(LabeledData data) {
    this.data = data;
    this.residual = new double[data.rows()];
  }

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public int featureCount() {
    return data.cols();
  }

  @Override
  public int samples() {
    return data.rows();
  }

  /** residual ← A x − b. */
  private void residual(double[] x) {
    Checks.length("x", x, data.cols());
    System.arraycopy(data.labels(), 0, residual, 0, residual.length);
    Blas.gemv(false, data.rows(), data.cols(), 1.0, data.a(), x, -1.0, residual);
  }

  @Override
  public double value(double[] x, double[] theta) {
    residual(x);
    double r = Blas.nrm2(residual);
    return 0.5 * r * r / data.rows();
  }

  @Override
  public void gradientX(double[] x, double[] theta, double[] out) {
    residual(x);
    Blas.gemv(true, data.rows(), data.cols(), 1.0 / data.rows(), data.a(), residual, 0.0, out);
  }

  /** Misclassification of sign(aᵢᵀx) against sign(bᵢ) (meaningful for ±1 targets only). */
  @Override
  public double misclassification(double[] x) {
    residual(x);
    int wrong = 0;
    double[] b = data.labels();
    for (int i = 0; i < b.length; i++) {
      double score = residual[i] + b[i];
      if ((score > 0) != (b[i] > 0)) {
        wrong++;
      }
    }
    return (double) wrong / b.length;
  }
}
