package dev.iterdiff.data;

import dev.iterdiff.problem.LabeledData;
import java.util.Locale;
import java.util.Random;

/**
 * A data set whose Gram matrix has a chosen spectrum, for the {@code quadratic} problem
 * ({@link dev.iterdiff.problem.QuadraticProblem}: H = AᵀA/N) and the curse-of-unrolling studies
 * (Scieur et al. 2022): n rows, n features,
 * <pre>
 *   A = √n · Λ^{1/2} Qᵀ,   so  AᵀA/n = Q Λ Qᵀ = H,
 *   λⱼ = μ·(L/μ)^{j/(n−1)} (geometric) or μ + (L − μ)·j/(n−1) (uniform),  j = 0 … n−1,
 * </pre>
 * Q a random orthogonal matrix (Gram–Schmidt, twice, of a Gaussian matrix from the seed), and
 * labels y = √n·Λ^{−1/2}Qᵀc with c ~ N(0, I) from the same seed, so that Aᵀy/n = c, the
 * quadratic's linear term when θ is the scale of H.
 *
 * <p>Written as a LIBSVM file by {@code SampleFiles quadratic N MU L SPACING SEED OUT}, it is
 * how {@code iterdiff jacobian}, the sweep and hyperopt pass (n, μ, L, spacing, seed) to the
 * {@code quadratic} problem: through {@code --data} / {@code data}, like every other problem.
 * Deterministic ({@link Random}, {@link StrictMath}).
 *
 * @param n       dimension ≥ 1.
 * @param mu      smallest eigenvalue, finite, &gt; 0.
 * @param l       largest eigenvalue L ≥ μ, finite.
 * @param spacing how the eigenvalues fill [μ, L].
 * @param seed    random seed of Q and c.
 */
public record QuadraticSpectrum(int n, double mu, double l, Spacing spacing, long seed) {

  /** How the eigenvalues fill [μ, L]. */
  public enum Spacing { GEOMETRIC, UNIFORM }

  /** @throws IllegalArgumentException naming the parameter and its value. */
  public QuadraticSpectrum {
    if (n < 1) {
      throw new IllegalArgumentException("quadratic spectrum: n must be >= 1, got " + n);
    }
    if (!(mu > 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("quadratic spectrum: mu must be finite and > 0, got "
          + mu);
    }
    if (!(l >= mu) || !Double.isFinite(l)) {
      throw new IllegalArgumentException("quadratic spectrum: L must be finite and >= mu = "
          + mu + ", got " + l);
    }
    if (spacing == null) {
      throw new IllegalArgumentException("quadratic spectrum: spacing is null (geometric or "
          + "uniform)");
    }
  }

  /**
   * Parses a spacing as the command line spells it.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones.
   */
  public static Spacing spacing(String text) {
    try {
      return Spacing.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("quadratic spectrum: spacing '" + text
          + "' (expected geometric or uniform)");
    }
  }

  /** The eigenvalues λ₀ ≤ … ≤ λ_{n−1}. */
  public double[] eigenvalues() {
    double[] lambda = new double[n];
    for (int j = 0; j < n; j++) {
      double t = n == 1 ? 0.0 : (double) j / (n - 1);
      lambda[j] = spacing == Spacing.GEOMETRIC ? mu * StrictMath.pow(l / mu, t)
          : mu + (l - mu) * t;
    }
    lambda[n - 1] = l;
    return lambda;
  }

  /** Generates the n×n data set; {@code source} names it. */
  public LabeledData generate(String source) {
    Random random = new Random(seed);
    double[] q = new double[n * n];
    for (int i = 0; i < q.length; i++) {
      q[i] = random.nextGaussian();
    }
    orthonormalize(q);
    double[] lambda = eigenvalues();
    double root = StrictMath.sqrt(n);
    double[] a = new double[n * n]; // A(i, c) = √n √λᵢ Q(c, i)
    for (int col = 0; col < n; col++) {
      for (int i = 0; i < n; i++) {
        a[i + col * n] = root * StrictMath.sqrt(lambda[i]) * q[col + i * n];
      }
    }
    double[] y = new double[n]; // y = √n Λ^{−1/2} Qᵀ c
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = random.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += q[k + i * n] * c[k];
      }
      y[i] = root * s / StrictMath.sqrt(lambda[i]);
    }
    return new LabeledData(a, n, n, y, source);
  }

  /** Orthonormalizes the columns of the n×n column-major q in place (MGS, twice). */
  private void orthonormalize(double[] q) {
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += q[i + k * n] * q[i + j * n];
          }
          for (int i = 0; i < n; i++) {
            q[i + j * n] -= dot * q[i + k * n];
          }
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
          norm += q[i + j * n] * q[i + j * n];
        }
        norm = StrictMath.sqrt(norm);
        for (int i = 0; i < n; i++) {
          q[i + j * n] /= norm;
        }
      }
    }
  }

  /** The spec as the file header and {@code SampleFiles} spell it. */
  @Override
  public String toString() {
    return "quadratic spectrum n=" + n + " mu=" + mu + " L=" + l + " spacing="
        + spacing.name().toLowerCase(Locale.ROOT) + " seed=" + seed;
  }
}
