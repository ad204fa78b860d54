package dev.iterdiff.problem;

import dev.iterdiff.map.Checks;

/**
 * The box [l, u] = {x : lⱼ ≤ xⱼ ≤ uⱼ} as the indicator g = ι_[l,u] (0 inside, +∞ outside);
 * fixed bounds, θ does not enter. Its prox for any η is the projection, a clip:
 * <pre>
 *   P(z)ⱼ = min(max(zⱼ, lⱼ), uⱼ),     ∂P/∂zⱼ = 1[lⱼ &lt; zⱼ &lt; uⱼ].
 * </pre>
 * At a face zⱼ = lⱼ or zⱼ = uⱼ the derivative is taken as 0 (the coordinate is treated as
 * clamped; the Clarke Jacobian there is [0, 1]). Infinite bounds are allowed
 * ({@link #nonNegative} is l = 0, u = +∞).
 */
public class BoxConstraint implements ProximalTerm {

  private final double[] lower;
  private final double[] upper;

  /**
   * @param lower l, length n. Copied.
   * @param upper u, length n, lⱼ ≤ uⱼ. Copied.
   * @throws IllegalArgumentException on different lengths, NaN bounds or lⱼ &gt; uⱼ.
   */
  public BoxConstraint(double[] lower, double[] upper) {
    Checks.positive("box: dimension", lower == null ? 0 : lower.length);
    Checks.length("box upper bounds", upper, lower.length);
    for (int j = 0; j < lower.length; j++) {
      if (Double.isNaN(lower[j]) || Double.isNaN(upper[j]) || lower[j] > upper[j]) {
        throw new IllegalArgumentException("box: bounds of coordinate " + j + " are ["
            + lower[j] + ", " + upper[j] + "] (must be l ≤ u, not NaN)");
      }
    }
    this.lower = lower.clone();
    this.upper = upper.clone();
  }

  /** [lo, hi]ⁿ. */
  public static BoxConstraint uniform(int n, double lo, double hi) {
    Checks.positive("box: dimension", n);
    double[] l = new double[n];
    double[] u = new double[n];
    java.util.Arrays.fill(l, lo);
    java.util.Arrays.fill(u, hi);
    return new BoxConstraint(l, u);
  }

  /** The non-negative orthant x ≥ 0: P(z) = max(z, 0), ∂P/∂zⱼ = 1[zⱼ &gt; 0]. */
  public static BoxConstraint nonNegative(int n) {
    return new NonNegative(n);
  }

  /** The orthant, with its own name. */
  private static final class NonNegative extends BoxConstraint {
    NonNegative(int n) {
      super(new double[n], filled(n, Double.POSITIVE_INFINITY));
    }

    @Override
    public String name() {
      return "non-negative";
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public String name() {
    return "box";
  }

  /** True: ∂P is diagonal. */
  @Override
  public boolean separable() {
    return true;
  }

  @Override
  public int dim() {
    return lower.length;
  }

  @Override
  public boolean contains(double[] x, double[] theta) {
    for (int j = 0; j < lower.length; j++) {
      if (!(x[j] >= lower[j] && x[j] <= upper[j])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double value(double[] x, double[] theta) {
    return contains(x, theta) ? 0.0 : Double.POSITIVE_INFINITY;
  }

  @Override
  public void prox(double[] z, double[] theta, double eta, double[] out) {
    ProximalTerm.checkStep(eta);
    for (int j = 0; j < lower.length; j++) {
      out[j] = Math.min(Math.max(z[j], lower[j]), upper[j]);
    }
  }

  @Override
  public void proxJvpX(double[] z, double[] theta, double eta, double[] v, double[] out) {
    for (int j = 0; j < lower.length; j++) {
      out[j] = z[j] > lower[j] && z[j] < upper[j] ? v[j] : 0.0;
    }
  }

  @Override
  public void proxVjpX(double[] z, double[] theta, double eta, double[] u, double[] out) {
    proxJvpX(z, theta, eta, u, out); // diagonal: symmetric
  }
}
