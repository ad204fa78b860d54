package dev.iterdiff.problem;

import java.util.Random;

/**
 * Random dense QPs in the one-step paper's setting (Bolte, Pauwels &amp; Vaiter 2023, §5,
 * after OptNet's benchmark): Q = MMᵀ with M uniform in [−1, 1] of size n × 2n (positive
 * definite almost surely), q standard normal, p = ⌊n/4⌋ equalities and m = ⌊n/2⌋
 * inequalities with A, G uniform in [−1, 1], feasible by construction: b = Ax̄ and
 * h = Gx̄ + s̄ for x̄ uniform in [−1, 1]ⁿ and s̄ uniform in [0.1, 1.1].
 *
 * <p>As a data source it is spelled {@code generate:n=N,seed=S} (the CLI's {@code --data},
 * an instance of a sweep), optionally with {@code ,theta=q|b|h|Q-scale} (default b).
 */
public final class QpGenerator {

  /** The prefix of a generator source. */
  public static final String PREFIX = "generate:";

  private QpGenerator() {}

  /**
   * The QP of size n from a seed.
   *
   * @param n    dim x, ≥ 1 (p = n/4 and m = n/2 rounded down).
   * @param seed the random seed.
   * @throws IllegalArgumentException if n &lt; 1.
   */
  public static QpData generate(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("qp generator: n must be >= 1, got " + n);
    }
    Random rng = new Random(seed);
    int p = n / 4;
    int m = n / 2;
    double[] mm = uniform(rng, n * 2 * n);
    double[] q2 = new double[n * n];
    dev.iterdiff.linalg.Blas.gemm(false, true, n, n, 2 * n, 1.0, mm, mm, 0.0, q2);
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        q2[i + j * n] = q2[j + i * n];
      }
    }
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = rng.nextGaussian();
    }
    double[] a = uniform(rng, p * n);
    double[] g = uniform(rng, m * n);
    double[] xbar = uniform(rng, n);
    double[] b = new double[p];
    double[] h = new double[m];
    if (p > 0) {
      dev.iterdiff.linalg.Blas.gemv(false, p, n, 1.0, a, xbar, 0.0, b);
    }
    if (m > 0) {
      dev.iterdiff.linalg.Blas.gemv(false, m, n, 1.0, g, xbar, 0.0, h);
    }
    for (int i = 0; i < m; i++) {
      h[i] += 0.1 + rng.nextDouble();
    }
    return new QpData(n, q2, q, a, b, g, h, PREFIX + "n=" + n + ",seed=" + seed);
  }

  /**
   * A QP problem from a generator source {@code generate:n=N,seed=S[,theta=P]}.
   *
   * @throws IllegalArgumentException naming the key and value that is wrong.
   */
  public static QuadraticProgram fromSpec(String spec) {
    if (spec == null || !spec.startsWith(PREFIX)) {
      throw new IllegalArgumentException("qp source '" + spec + "' is not " + PREFIX
          + "n=N,seed=S[,theta=q|b|h|Q-scale]");
    }
    int n = -1;
    long seed = 0;
    boolean seeded = false;
    QuadraticProgram.Parameter parameter = QuadraticProgram.Parameter.B;
    for (String kv : spec.substring(PREFIX.length()).split(",")) {
      String[] parts = kv.trim().split("=", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("qp source " + spec + ": '" + kv
            + "' is not key=value");
      }
      try {
        switch (parts[0].trim()) {
          case "n" -> n = Integer.parseInt(parts[1].trim());
          case "seed" -> {
            seed = Long.parseLong(parts[1].trim());
            seeded = true;
          }
          case "theta" -> parameter = QuadraticProgram.Parameter.parse(parts[1].trim());
          default -> throw new IllegalArgumentException("qp source " + spec + ": unknown key '"
              + parts[0].trim() + "' (expected n, seed, theta)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("qp source " + spec + ": " + parts[0].trim()
            + " = '" + parts[1].trim() + "' is not an integer");
      }
    }
    if (n < 1 || !seeded) {
      throw new IllegalArgumentException("qp source " + spec + ": n >= 1 and seed are "
          + "required, got n = " + n + (seeded ? "" : ", no seed"));
    }
    return new QuadraticProgram(generate(n, seed), parameter);
  }

  private static double[] uniform(Random rng, int len) {
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = 2 * rng.nextDouble() - 1;
    }
    return v;
  }
}
