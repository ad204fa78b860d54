package dev.iterdiff.problem;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import java.util.Arrays;
import java.util.Locale;

/**
 * A dense convex quadratic program with a parameter θ (OptNet, Amos &amp; Kolter 2017; the
 * one-step paper's interior-point experiment, Bolte, Pauwels &amp; Vaiter 2023, §5):
 * <pre>
 *   min_x f(x; θ) = ½ xᵀQ(θ)x + q(θ)ᵀx   s.t.   Ax = b(θ),  Gx ≤ h(θ),
 * </pre>
 * where θ replaces one part of the {@link QpData} — q (length n), b (length p), h (length m),
 * or a scale c of Q, Q(θ) = c·Q (length 1) — as chosen by {@link Parameter}; the other parts
 * are the data's.
 *
 * <p>As a {@link Problem} it is the objective f alone (value, gradient Qx + q, Hessian Q,
 * cross products ∂_θ∇ₓf: I for q, 0 for b and h, Qx for the scale); the constraints are read
 * by the interior-point solver and the KKT condition through {@link #kktThetaJvp} and
 * {@link #kktThetaVjp}. Solvers without constraint handling refuse it.
 */
public final class QuadraticProgram implements Problem {

  /** The part of the QP that θ replaces. */
  public enum Parameter {
    /** θ = q, length n. */
    Q_LINEAR("q"),
    /** θ = b, length p. */
    B("b"),
    /** θ = h, length m. */
    H("h"),
    /** θ = (c), Q(θ) = c·Q, c &gt; 0. */
    Q_SCALE("Q-scale");

    private final String label;

    Parameter(String label) {
      this.label = label;
    }

    /** The name as files and the CLI spell it: q, b, h, Q-scale. */
    public String label() {
      return label;
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted ones.
     */
    public static Parameter parse(String s) {
      for (Parameter p : values()) {
        if (p.label.equals(s) || p.label.toLowerCase(Locale.ROOT).equals(s)) {
          return p;
        }
      }
      throw new IllegalArgumentException("qp parameter: '" + s + "' is not one of q, b, h, "
          + "Q-scale");
    }
  }

  private final QpData data;
  private final Parameter parameter;
  private final int n;
  private final int p;
  private final int m;
  private final double[] tmp;

  /**
   * @param data      the validated QP.
   * @param parameter the part θ replaces.
   * @throws IllegalArgumentException when θ would be empty (b with p = 0, h with m = 0).
   */
  public QuadraticProgram(QpData data, Parameter parameter) {
    if (data == null || parameter == null) {
      throw new IllegalArgumentException("qp: data and parameter must be non-null");
    }
    this.data = data;
    this.parameter = parameter;
    this.n = data.n();
    this.p = data.equalities();
    this.m = data.inequalities();
    if (thetaDim() == 0) {
      throw new IllegalArgumentException(data.source() + ": parameter " + parameter.label()
          + " is empty (the QP has no constraints of that kind)");
    }
    this.tmp = new double[n];
  }

  /** The data (θ's part holds the data's default value, {@link #defaultTheta}). */
  public QpData data() {
    return data;
  }

  /** The part θ replaces. */
  public Parameter parameter() {
    return parameter;
  }

  /** θ as the data give it: q, b, h or (1). */
  public double[] defaultTheta() {
    return switch (parameter) {
      case Q_LINEAR -> data.q().clone();
      case B -> data.b().clone();
      case H -> data.h().clone();
      case Q_SCALE -> new double[] {1.0};
    };
  }

  @Override
  public String name() {
    return "qp";
  }

  @Override
  public int dim() {
    return n;
  }

  /** p, the number of equality constraints. */
  public int equalities() {
    return p;
  }

  /** m, the number of inequality constraints. */
  public int inequalities() {
    return m;
  }

  @Override
  public int thetaDim() {
    return switch (parameter) {
      case Q_LINEAR -> n;
      case B -> p;
      case H -> m;
      case Q_SCALE -> 1;
    };
  }

  @Override
  public void checkTheta(double[] theta) {
    Checks.length("theta (qp parameter " + parameter.label() + ")", theta, thetaDim());
    Checks.finite("theta", theta);
    if (parameter == Parameter.Q_SCALE) {
      Checks.positive("theta[0] (scale of Q)", theta[0]);
    }
  }

  /** c, the scale of Q at θ (1 unless θ is the scale). */
  public double scale(double[] theta) {
    return parameter == Parameter.Q_SCALE ? theta[0] : 1.0;
  }

  /** q(θ): θ itself or the data's q. Not to be modified. */
  public double[] q(double[] theta) {
    return parameter == Parameter.Q_LINEAR ? theta : data.q();
  }

  /** b(θ). Not to be modified. */
  public double[] b(double[] theta) {
    return parameter == Parameter.B ? theta : data.b();
  }

  /** h(θ). Not to be modified. */
  public double[] h(double[] theta) {
    return parameter == Parameter.H ? theta : data.h();
  }

  @Override
  public double value(double[] x, double[] theta) {
    Blas.gemv(false, n, n, 1.0, data.q2(), x, 0.0, tmp);
    return 0.5 * scale(theta) * Blas.dot(x, tmp) + Blas.dot(q(theta), x);
  }

  @Override
  public void gradient(double[] x, double[] theta, double[] out) {
    System.arraycopy(q(theta), 0, out, 0, n);
    Blas.gemv(false, n, n, scale(theta), data.q2(), x, 1.0, out);
  }

  @Override
  public void hvp(double[] x, double[] theta, double[] v, double[] out) {
    Blas.gemv(false, n, n, scale(theta), data.q2(), v, 0.0, out);
  }

  @Override
  public void hessian(double[] x, double[] theta, double[] out) {
    double c = scale(theta);
    for (int k = 0; k < n * n; k++) {
      out[k] = c * data.q2()[k];
    }
  }

  @Override
  public void crossJvp(double[] x, double[] theta, double[] w, double[] out) {
    switch (parameter) {
      case Q_LINEAR -> System.arraycopy(w, 0, out, 0, n);
      case B, H -> Arrays.fill(out, 0.0);
      case Q_SCALE -> Blas.gemv(false, n, n, w[0], data.q2(), x, 0.0, out);
    }
  }

  @Override
  public void crossVjp(double[] x, double[] theta, double[] u, double[] out) {
    switch (parameter) {
      case Q_LINEAR -> System.arraycopy(u, 0, out, 0, n);
      case B, H -> Arrays.fill(out, 0.0);
      case Q_SCALE -> {
        Blas.gemv(false, n, n, 1.0, data.q2(), x, 0.0, tmp);
        out[0] = Blas.dot(u, tmp);
      }
    }
  }

  /**
   * out += (∂_θR)·w for the KKT residual R(z; θ) = (Q(θ)x + q(θ) + Aᵀν + Gᵀλ, Ax − b(θ),
   * Gx + s − h(θ), λ∘s) on z = (x, ν, λ, s) of length n + p + 2m, evaluated at the x-part
   * {@code x} (only the scale of Q reads it: (∂_θR)w = (wQx, 0, 0, 0)). Used with x + Δx it
   * also gives ∂_θ(R + K(θ)Δ)·w.
   *
   * @param x   length ≥ n (first n entries read). Not modified.
   * @param w   length m_θ. Not modified.
   * @param out length n + p + 2m. Modified (accumulated).
   */
  public void kktThetaJvp(double[] x, double[] w, double[] out) {
    switch (parameter) {
      case Q_LINEAR -> Blas.axpy(n, 1.0, w, 0, out, 0);
      case B -> Blas.axpy(p, -1.0, w, 0, out, n);
      case H -> Blas.axpy(m, -1.0, w, 0, out, n + p);
      case Q_SCALE -> Blas.gemv(false, n, n, w[0], data.q2(), x, 1.0, out);
    }
  }

  /**
   * out += (∂_θR)ᵀ·u at the x-part {@code x} (see {@link #kktThetaJvp}).
   *
   * @param u   length n + p + 2m. Not modified.
   * @param out length m_θ. Modified (accumulated).
   */
  public void kktThetaVjp(double[] x, double[] u, double alpha, double[] out) {
    switch (parameter) {
      case Q_LINEAR -> Blas.axpy(n, alpha, u, 0, out, 0);
      case B -> Blas.axpy(p, -alpha, u, n, out, 0);
      case H -> Blas.axpy(m, -alpha, u, n + p, out, 0);
      case Q_SCALE -> {
        Blas.gemv(false, n, n, 1.0, data.q2(), x, 0.0, tmp);
        out[0] += alpha * Blas.dot(n, tmp, 0, u, 0);
      }
    }
  }
}
