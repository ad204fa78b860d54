package dev.iterdiff.study;

/** Distances and fits the studies measure with; static, on double[]. */
final class Errors {

  private Errors() {}

  /** ‖a − b‖₂ (Frobenius for matrices stored flat). */
  static double distance(double[] a, double[] b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** ‖a‖₂. */
  static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** ‖a − b‖ / ‖b‖ (‖a − b‖ when b = 0). */
  static double relative(double[] a, double[] b) {
    double nb = norm(b);
    double d = distance(a, b, b.length);
    return nb > 0 ? d / nb : d;
  }

  /** Least-squares slope of y against x. */
  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= x.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return num / den;
  }

  /** Iteration counts 0, 1, … up to 20, then geometrically spaced (×1.15) up to k, k included. */
  static int[] checkpoints(int k) {
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (int i = 0; i <= Math.min(20, k); i++) {
      ks.add(i);
    }
    for (double v = 20; v < k; v *= 1.15) {
      ks.add((int) Math.round(v));
    }
    ks.add(k);
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }
}
