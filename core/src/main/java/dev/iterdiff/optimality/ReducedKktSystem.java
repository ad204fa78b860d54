package dev.iterdiff.optimality;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.linalg.LinearOperator;
import dev.iterdiff.linalg.Lu;
import dev.iterdiff.linalg.LinearSolveException;
import dev.iterdiff.linalg.LinearSolveResult;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram;

/**
 * The implicit systems of the {@link KktCondition}, K y = r and Kᵀ v = u with K = ∂_zG the
 * (n + p + 2m)² KKT matrix, solved through one LU of the partially reduced matrix of order
 * n + p + |active| ({@link PartialKkt}: inactive constraints eliminated, the active ones'
 * multipliers kept; for the paper's m = n/2, p = n/4 about (1.5n)³/3 flops instead of
 * (2.25n)³/3). The fully reduced matrix of order n + p ({@link QpKktSystem}, the interior-point
 * step's) is not used here: near the solution D = ΛS⁻¹ spans ~26 orders of magnitude and its
 * LU misses 1e-10 (measured 1e-11 – 1e-6 relative residual on the paper's QPs solved to 1e-10).
 * Each solve is checked by the matrix-free product: the relative residual ‖K y − r‖/‖r‖ is
 * reported, and up to {@value #MAX_REFINEMENT} steps of iterative refinement
 * y += K⁻¹(r − Ky) are taken while it exceeds the tolerance; if that stalls, the full system is
 * solved by dense LU instead (factored once per point, refined the same way) and the method
 * says so ({@code reduced-kkt-lu(…) missed (4.7e-10), full lu}). A residual still above the
 * tolerance is a {@link LinearSolveException}, never a silent result. The OptNet backward
 * pass (Amos &amp; Kolter 2017, eq. (7)).
 *
 * <p><b>Reusing the solver's factorization.</b> Given the interior-point solver's last
 * factorization P = K(z_{k−1}) ({@link dev.iterdiff.solver.IterativeSolver#kktPreconditioner}),
 * K y = r is first solved by iterative refinement preconditioned with it, y ← y + P⁻¹(r − Ky):
 * K and P differ only in the complementarity rows, by the last step's change of λ and s, so
 * I − KP⁻¹ is small near the solution (measured: one step to ~1e-7, two to ~1e-14) and each
 * step costs O((n + p)² + mn) instead of an LU of order n + p + |active|. (GMRES on KP⁻¹
 * stagnates instead: P⁻¹ through the reduced matrix, even refined, is not linear to working
 * accuracy.) If a step fails to gain a factor 10, or {@value #PRECONDITIONED_ITERATIONS}
 * steps miss the tolerance, the partially reduced LU is formed and used as above; the method
 * says which ({@code kkt-refined(solver's factorization, …)}).
 *
 * <p>The refinement first applies P̃⁻¹ as the bare reduced solve ({@code factorization}, when
 * given): one reduced solve and one product with K per step. Its own error (~1e-5 relative on
 * the paper's QP at n = 100, D = ΛS⁻¹ spanning 23 orders of magnitude) is corrected by the
 * same outer steps that correct K − P, so refining P̃⁻¹ against P inside each step (the
 * {@code preconditioner}, up to three more solves and products per step) is work the outer
 * loop repeats. Only if the bare solve stalls (no tenfold gain) is the refined one tried, and
 * remembered for the point's later solves; then the LU as above.
 */
public final class ReducedKktSystem implements ConditionSystem {

  /** Refinement steps at most. */
  public static final int MAX_REFINEMENT = 3;

  private final QuadraticProgram qp;
  private final double[] z;
  private final double[] theta;
  /** Refinement steps preconditioned by the solver's factorization at most. */
  public static final int PRECONDITIONED_ITERATIONS = 8;

  private PartialKkt kkt;
  private final LinearOperator preconditioner;
  private final LinearOperator preconditionerT;
  private final LinearOperator factorization;
  private final LinearOperator factorizationT;
  private boolean bareWorks = true;
  private boolean preconditionedOnly = true;
  private double lastRelative;
  private int lastSteps;
  private final double tolerance;
  private final int dim;
  private final double[] product;
  private final double[] residual;
  private final double[] correction;
  private Lu full;

  /**
   * Factors the reduced matrix at z.
   *
   * @param qp        the program.
   * @param z         the point (x, ν, λ, s), λ, s &gt; 0. Not modified (copied).
   * @param theta     θ. Not modified (copied).
   * @param tolerance relative residual each solve must reach.
   * @throws LinearSolveException when M is singular (A without full row rank, …).
   */
  public ReducedKktSystem(QuadraticProgram qp, double[] z, double[] theta, double tolerance) {
    this(qp, z, theta, tolerance, null, null);
  }

  /**
   * With the solver's factorization P (and Pᵀ) as preconditioner of iterative refinement; the
   * reduced matrix is factored only if that stalls. Null preconditioners: factor at once.
   *
   * @param preconditioner  v ↦ P⁻¹v (distinct arrays), or null.
   * @param preconditionerT v ↦ P⁻ᵀv, or null.
   */
  public ReducedKktSystem(QuadraticProgram qp, double[] z, double[] theta, double tolerance,
      LinearOperator preconditioner, LinearOperator preconditionerT) {
    this(qp, z, theta, tolerance, null, null, preconditioner, preconditionerT);
  }

  /**
   * With the solver's factorization P both bare (P̃⁻¹, the reduced solve alone) and refined
   * against P: refinement uses the bare one first and the refined one if that stalls.
   *
   * @param factorization   v ↦ P̃⁻¹v, the bare reduced solve (distinct arrays), or null.
   * @param factorizationT  v ↦ P̃⁻ᵀv, or null.
   * @param preconditioner  v ↦ P⁻¹v refined, or null (then the bare pair is not used either).
   * @param preconditionerT v ↦ P⁻ᵀv refined, or null.
   */
  public ReducedKktSystem(QuadraticProgram qp, double[] z, double[] theta, double tolerance,
      LinearOperator factorization, LinearOperator factorizationT,
      LinearOperator preconditioner, LinearOperator preconditionerT) {
    this.qp = qp;
    this.z = z.clone();
    this.theta = theta.clone();
    this.tolerance = tolerance;
    this.dim = QpKktSystem.dim(qp);
    this.preconditioner = preconditionerT == null ? null : preconditioner;
    this.preconditionerT = preconditioner == null ? null : preconditionerT;
    boolean bare = this.preconditioner != null && factorization != null
        && factorizationT != null;
    this.factorization = bare ? factorization : null;
    this.factorizationT = bare ? factorizationT : null;
    if (this.preconditioner == null) {
      this.kkt = new PartialKkt(qp, this.z, this.theta);
    }
    this.product = new double[dim];
    this.residual = new double[dim];
    this.correction = new double[dim];
  }

  @Override
  public String method() {
    if (kkt == null || preconditioner != null && preconditionedOnly) {
      return "kkt-refined(solver's factorization, n+p+2m=" + dim + ")";
    }
    return "reduced-kkt-lu(n+p+|active|=" + kkt.order() + " of " + dim + ")";
  }

  /**
   * Iterative refinement preconditioned by P: y ← y + P⁻¹(r − Ky) (transposed: Kᵀ, P⁻ᵀ) from
   * y = P⁻¹r, while the relative residual shrinks at least tenfold per step; the steps taken,
   * or −1 when it stalls or misses the tolerance in {@value #PRECONDITIONED_ITERATIONS} steps.
   */
  private int preconditioned(double[] r, double rNorm, double[] y, boolean transposed,
      LinearOperator inverse) {
    inverse.apply(r, y);
    double previous = Double.POSITIVE_INFINITY;
    for (int step = 0; ; step++) {
      lastSteps = step;
      QpKktSystem.apply(qp, z, theta, y, product, transposed);
      for (int i = 0; i < dim; i++) {
        residual[i] = r[i] - product[i];
      }
      lastRelative = Blas.nrm2(residual) / rNorm;
      if (lastRelative <= tolerance) {
        return step;
      }
      if (!(lastRelative < 0.1 * previous) || step == PRECONDITIONED_ITERATIONS) {
        return -1;
      }
      previous = lastRelative;
      inverse.apply(residual, correction);
      Blas.axpy(1.0, correction, y);
    }
  }

  @Override
  public LinearSolveResult solve(double[] r, double[] y, boolean transposed) {
    double rNorm = Blas.nrm2(r);
    if (rNorm == 0) {
      java.util.Arrays.fill(y, 0.0);
      return new LinearSolveResult(method(), 0, 0.0, tolerance, true);
    }
    if (preconditioner != null && preconditionedOnly) {
      int tried = 0;
      if (factorization != null && bareWorks) {
        int iterations = preconditioned(r, rNorm, y, transposed,
            transposed ? factorizationT : factorization);
        if (iterations >= 0) {
          return new LinearSolveResult(method(), iterations, lastRelative, tolerance, true);
        }
        bareWorks = false; // stalled: the refined application from now on
        tried = lastSteps;
      }
      int iterations = preconditioned(r, rNorm, y, transposed,
          transposed ? preconditionerT : preconditioner);
      if (iterations >= 0) {
        return new LinearSolveResult(method(), tried + iterations, lastRelative, tolerance,
            true);
      }
      preconditionedOnly = false; // stalled: the reduced LU from now on
    }
    if (kkt == null) {
      kkt = new PartialKkt(qp, z, theta);
    }
    kkt.solve(r, y, transposed);
    int[] steps = {0};
    double rel = refine(r, rNorm, y, transposed, false, steps);
    if (rel <= tolerance) {
      return new LinearSolveResult(method(), steps[0], rel, tolerance, true);
    }
    // the reduced elimination stalled: LU of the full K, factored once per point
    String method = method() + " missed (" + String.format(java.util.Locale.ROOT, "%.1e", rel)
        + "), full lu";
    if (full == null) {
      double[] k = new double[Math.multiplyExact(dim, dim)];
      double[] e = new double[dim];
      for (int j = 0; j < dim; j++) {
        e[j] = 1;
        QpKktSystem.apply(qp, z, theta, e, correction, false);
        System.arraycopy(correction, 0, k, j * dim, dim);
        e[j] = 0;
      }
      full = new Lu(tolerance);
      full.factor(k, dim);
    }
    if (transposed) {
      full.solveTransposed(r, y);
    } else {
      full.solve(r, y);
    }
    steps[0] = 0;
    rel = refine(r, rNorm, y, transposed, true, steps);
    if (!(rel <= tolerance)) {
      throw new LinearSolveException(method + ": relative residual " + rel + " > tol "
          + tolerance + " after " + steps[0] + " refinement steps (n + p + 2m = " + dim + ")",
          new LinearSolveResult(method, steps[0], rel, tolerance, false));
    }
    return new LinearSolveResult(method, steps[0], rel, tolerance, true);
  }

  /**
   * Iterative refinement y += K⁻¹(r − Ky), K⁻¹ by the reduced or the full factorization, at
   * most {@value #MAX_REFINEMENT} steps (counted in {@code steps[0]}) while the relative
   * residual exceeds the tolerance; returns the last relative residual.
   */
  private double refine(double[] r, double rNorm, double[] y, boolean transposed,
      boolean useFull, int[] steps) {
    while (true) {
      QpKktSystem.apply(qp, z, theta, y, product, transposed);
      for (int i = 0; i < dim; i++) {
        residual[i] = r[i] - product[i];
      }
      double rel = Blas.nrm2(residual) / rNorm;
      if (rel <= tolerance || steps[0] == MAX_REFINEMENT || !Double.isFinite(rel)) {
        return rel;
      }
      if (!useFull) {
        kkt.solve(residual, correction, transposed);
      } else if (transposed) {
        full.solveTransposed(residual, correction);
      } else {
        full.solve(residual, correction);
      }
      Blas.axpy(1.0, correction, y);
      steps[0]++;
    }
  }
}
