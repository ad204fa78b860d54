package dev.iterdiff.map;

/**
 * One-line argument guards whose messages carry the offending values, e.g.
 * {@code "theta: length 3 != 5"} or {@code "theta[2] is NaN"}.
 */
public final class Checks {

  private Checks() {}

  /**
   * @throws IllegalArgumentException if {@code a.length != expected}, naming {@code name}.
   */
  public static void length(String name, double[] a, int expected) {
    if (a == null) {
      throw new IllegalArgumentException(name + ": null, expected length " + expected);
    }
    if (a.length != expected) {
      throw new IllegalArgumentException(name + ": length " + a.length + " != " + expected);
    }
  }

  /**
   * @throws IllegalArgumentException if some entry is NaN or infinite, naming the index and value.
   */
  public static void finite(String name, double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + a[i] + " (must be finite)");
      }
    }
  }

  /** @throws IllegalArgumentException if {@code v} is NaN or infinite. */
  public static void finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " is " + v + " (must be finite)");
    }
  }

  /** @throws IllegalArgumentException if {@code v <= 0} or not finite. */
  public static void positive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }
  }

  /** @throws IllegalArgumentException if {@code v <= 0}. */
  public static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + v);
    }
  }

  /** @throws IllegalArgumentException if {@code a != b}: "what: a != b". */
  public static void sameDim(String what, int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException(what + ": inconsistent dimensions " + a + " != " + b);
    }
  }

  /** Checks the lengths of the arguments of {@link DifferentiableMap#apply}. */
  public static void applyArgs(DifferentiableMap m, double[] x, double[] theta, double[] out) {
    length("x", x, m.xDim());
    length("theta", theta, m.thetaDim());
    length("out", out, m.outDim());
  }

  /** Checks the lengths of the arguments of {@link DifferentiableMap#jvpX}. */
  public static void jvpXArgs(DifferentiableMap m, double[] x, double[] theta, double[] v,
      double[] out) {
    length("x", x, m.xDim());
    length("theta", theta, m.thetaDim());
    length("v", v, m.xDim());
    length("out", out, m.outDim());
  }

  /** Checks the lengths of the arguments of {@link DifferentiableMap#vjpX}. */
  public static void vjpXArgs(DifferentiableMap m, double[] x, double[] theta, double[] u,
      double[] out) {
    length("x", x, m.xDim());
    length("theta", theta, m.thetaDim());
    length("u", u, m.outDim());
    length("out", out, m.xDim());
  }

  /** Checks the lengths of the arguments of {@link DifferentiableMap#jvpTheta}. */
  public static void jvpThetaArgs(DifferentiableMap m, double[] x, double[] theta, double[] w,
      double[] out) {
    length("x", x, m.xDim());
    length("theta", theta, m.thetaDim());
    length("w", w, m.thetaDim());
    length("out", out, m.outDim());
  }

  /** Checks the lengths of the arguments of {@link DifferentiableMap#vjpTheta}. */
  public static void vjpThetaArgs(DifferentiableMap m, double[] x, double[] theta, double[] u,
      double[] out) {
    length("x", x, m.xDim());
    length("theta", theta, m.thetaDim());
    length("u", u, m.outDim());
    length("out", out, m.thetaDim());
  }
}
