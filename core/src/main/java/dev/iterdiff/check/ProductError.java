package dev.iterdiff.check;

/**
 * How far one computed derivative product is from its reference (finite differences or AD):
 * ‖computed − reference‖∞ and that divided by max(‖computed‖∞, ‖reference‖∞) (0 when both
 * are zero).
 *
 * @param product       what was compared, e.g. {@code jvpX} or {@code hessianDerivX}.
 * @param maxAbsError   ‖computed − reference‖∞.
 * @param maxRelError   ‖computed − reference‖∞ / max(‖computed‖∞, ‖reference‖∞).
 * @param referenceNorm ‖reference‖∞, to judge whether the relative error is meaningful.
 */
public record ProductError(String product, double maxAbsError, double maxRelError,
    double referenceNorm) {

  /** Compares two vectors of the same length. */
  public static ProductError of(String product, double[] computed, double[] reference) {
    if (computed.length != reference.length) {
      throw new IllegalArgumentException(product + ": computed length " + computed.length
          + " != reference length " + reference.length);
    }
    double diff = 0;
    double nc = 0;
    double nr = 0;
    for (int i = 0; i < computed.length; i++) {
      double d = Math.abs(computed[i] - reference[i]);
      diff = Double.isNaN(d) ? Double.NaN : Math.max(diff, d);
      nc = Math.max(nc, Math.abs(computed[i]));
      nr = Math.max(nr, Math.abs(reference[i]));
    }
    double scale = Math.max(nc, nr);
    double rel = diff == 0 ? 0 : diff / scale;
    return new ProductError(product, diff, rel, nr);
  }

  /** Within tolerance: absolute error ≤ absTol or relative error ≤ relTol (NaN fails). */
  public boolean within(double relTol, double absTol) {
    return maxAbsError <= absTol || maxRelError <= relTol;
  }

  @Override
  public String toString() {
    return String.format("%-28s abs %.3e  rel %.3e  (|ref| %.3e)", product, maxAbsError,
        maxRelError, referenceNorm);
  }
}
