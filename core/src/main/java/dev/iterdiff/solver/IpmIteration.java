package dev.iterdiff.solver;

import dev.iterdiff.linalg.Blas;
import dev.iterdiff.map.Checks;
import dev.iterdiff.map.DifferentiableMap;
import dev.iterdiff.problem.QpKktSystem;
import dev.iterdiff.problem.QuadraticProgram.Parameter;

/**
 * One interior-point iteration F_{α,τ}(z, θ) = z + αΔ(z, θ) of {@link InteriorPoint} with its
 * exact products. With K = ∂_zR, Δᵃ = −K⁻¹R, c = (0, 0, 0, Δλᵃ∘Δsᵃ − τ1), Δ = −K⁻¹(R + c),
 * and K̇[v]y = (0, 0, 0, v_λ∘y_s + v_s∘y_λ) the derivative of K(z)y in z along v (only the
 * complementarity rows of K depend on z):
 * <pre>
 *   J_zF v = (1 − α)v − αK⁻¹(K̇[v]Δ + ċ),   Δ̇ᵃ = −v − K⁻¹K̇[v]Δᵃ,
 *   ċ_s = Δ̇λᵃ∘Δsᵃ + Δλᵃ∘Δ̇sᵃ,
 *   J_θF w = −αK⁻¹(T(x + Δx)w + ċ),   Δ̇ᵃ = −K⁻¹T(x + Δxᵃ)w,
 * </pre>
 * where T(x)w = ∂_θ(R + K·)w ({@code QuadraticProgram.kktThetaJvp}). The transposes follow
 * with ω = K⁻ᵀu, y = (0, 0, ω_s∘Δsᵃ, ω_s∘Δλᵃ) and e = K⁻ᵀy:
 * <pre>
 *   J_zFᵀu = (1 − α)u − α(g₁ − y − g₂),
 *   g₁ = (0, 0, ω_s∘Δs, ω_s∘Δλ),  g₂ = (0, 0, e_s∘Δsᵃ, e_s∘Δλᵃ),
 *   J_θFᵀu = −α(T(x + Δx)ᵀω − T(x + Δxᵃ)ᵀe).
 * </pre>
 * Each product costs two solves with the point's factorization (cached by the solver), each
 * refined against the matrix-free K ({@link InteriorPoint#solveRefined}). The predictor and
 * corrector directions at z are those the solver's step from z left when it was the last step
 * taken with this τ (one-step differentiates exactly that step), else recomputed (a residual
 * and two solves). The solves are refined to the forcing tolerance of {@link
 * #productTolerance}, not to the rounding floor. Measured on the paper's QP at n = 100
 * (one-step VJP after a solve to 1e-8): 8 reduced solves, 6 products with K and a residual
 * at first, 5 solves and 5 products with the directions reused, 3 and 3 with the forcing
 * rule (23 µs of a 0.9 ms solve with OpenBLAS), 2 and 2 with the combined adjoint solve of
 * {@link #vjpTheta} for θ = q, b, h (17 µs).
 */
final class IpmIteration implements DifferentiableMap {

  private final InteriorPoint ipm;
  private final double alpha;
  private final double tau;
  private final double forcing;
  /** Whether the last {@link #vjpTheta} took {@link #combinedAdjoint} (for tests). */
  boolean combined;
  private final int n;
  private final int li;
  private final int si;
  private final int m;

  IpmIteration(InteriorPoint ipm, double alpha, double tau) {
    this(ipm, alpha, tau, FORCING);
  }

  /** With another forcing factor (0: every product solve refined to the rounding floor). */
  IpmIteration(InteriorPoint ipm, double alpha, double tau, double forcing) {
    this.forcing = forcing;
    this.ipm = ipm;
    this.alpha = alpha;
    this.tau = tau;
    this.n = ipm.n;
    this.m = ipm.m;
    this.li = ipm.n + ipm.p;
    this.si = li + ipm.m;
  }

  @Override public int xDim() { return ipm.dim; }
  @Override public int thetaDim() { return ipm.mt; }
  @Override public int outDim() { return ipm.dim; }

  /**
   * Predictor and corrector at (z, θ): Δᵃ in ipm.da, Δ in ipm.dir — those the solve's step
   * from z left, when it was the last ({@link InteriorPoint#directions}).
   */
  private InteriorPoint.Slot directions(double[] z, double[] theta) {
    return ipm.directions(z, theta, tau);
  }

  /**
   * The relative residual the products' solves at z are refined to: {@value #FORCING} times
   * the step's relative size α‖Δ‖/max(1, ‖z‖), within [{@value InteriorPoint#PRODUCT_RESIDUAL},
   * {@value #PRODUCT_RESIDUAL_MAX}] — after {@link #directions}. A product at z is an exact
   * derivative of the step from z, but what it serves differs from the derivative at the
   * solution by O(‖z − z*‖) ≈ O(α‖Δ‖) for this superlinear method (one-step: the paper's
   * bound; unrolled: every earlier step); solving its systems a thousand times finer than
   * that, not to the rounding floor whatever the point, is the forcing-term rule of inexact
   * Newton methods. Past the rounding floor of the gap the step is ~1e-12 relative and the
   * solves are refined to {@value InteriorPoint#PRODUCT_RESIDUAL} as before.
   */
  double productTolerance(double[] z) {
    double[] d = ipm.dir;
    double step = alpha * Blas.nrm2(d)
        / Math.max(1.0, Blas.nrm2(z));
    return Math.min(PRODUCT_RESIDUAL_MAX, Math.max(InteriorPoint.PRODUCT_RESIDUAL,
        forcing * step));
  }

  /** Forcing factor of {@link #productTolerance}. */
  static final double FORCING = 1e-3;
  /** The loosest relative residual of the products' solves ({@link #productTolerance}). */
  static final double PRODUCT_RESIDUAL_MAX = 1e-9;

  @Override
  public void apply(double[] z, double[] theta, double[] out) {
    Checks.applyArgs(this, z, theta, out);
    directions(z, theta);
    ipm.update(z, alpha, out);
  }

  @Override
  public void jvpX(double[] z, double[] theta, double[] v, double[] out) {
    Checks.jvpXArgs(this, z, theta, v, out);
    InteriorPoint.Slot slot = directions(z, theta);
    double[] da = ipm.da;
    double[] d = ipm.dir;
    double[] t = ipm.t1;
    double[] y = ipm.t2;
    java.util.Arrays.fill(t, 0.0);
    for (int i = 0; i < m; i++) {
      t[si + i] = v[li + i] * da[si + i] + v[si + i] * da[li + i];
    }
    double tol = productTolerance(z);
    ipm.solveRefined(slot, z, theta, t, y, false, 0.0, tol); // Δ̇ᵃ = −v − y
    java.util.Arrays.fill(t, 0.0);
    for (int i = 0; i < m; i++) {
      double dal = -v[li + i] - y[li + i];
      double das = -v[si + i] - y[si + i];
      t[si + i] = v[li + i] * d[si + i] + v[si + i] * d[li + i]
          + dal * da[si + i] + da[li + i] * das;
    }
    ipm.solveRefined(slot, z, theta, t, y, false, 0.0, tol);
    for (int i = 0; i < out.length; i++) {
      out[i] = (1 - alpha) * v[i] - alpha * y[i];
    }
  }

  /**
   * The two transposed KKT solves both VJPs start with, into the solver's workspaces: t1 = w
   * = K⁻ᵀu, t2 = y (w's complementarity part times the affine direction), t3 = e = K⁻ᵀy. The
   * second solve is refined to the residual relative to ‖u‖ (e enters the product beside w,
   * and ‖y‖ = O(‖Δᵃ‖‖w‖) vanishes near the solution).
   */
  private void adjointSolves(double[] z, double[] theta, double[] u) {
    InteriorPoint.Slot slot = directions(z, theta);
    double tol = productTolerance(z);
    ipm.solveRefined(slot, z, theta, u, ipm.t1, true, 0.0, tol);
    secondAdjointSolve(slot, z, theta, u, tol);
  }

  /** After ω = K⁻ᵀu in t1: y into t2 and e = K⁻ᵀy into t3 (see {@link #adjointSolves}). */
  private void secondAdjointSolve(InteriorPoint.Slot slot, double[] z, double[] theta,
      double[] u, double tol) {
    double[] da = ipm.da;
    double[] w = ipm.t1;
    double[] y = ipm.t2;
    double uNorm = Blas.nrm2(u);
    java.util.Arrays.fill(y, 0.0);
    for (int i = 0; i < m; i++) {
      y[li + i] = w[si + i] * da[si + i];
      y[si + i] = w[si + i] * da[li + i];
    }
    ipm.solveRefined(slot, z, theta, y, ipm.t3, true, uNorm, tol);
  }

  @Override
  public void vjpX(double[] z, double[] theta, double[] u, double[] out) {
    Checks.vjpXArgs(this, z, theta, u, out);
    adjointSolves(z, theta, u);
    double[] da = ipm.da;
    double[] d = ipm.dir;
    double[] w = ipm.t1;
    double[] y = ipm.t2;
    double[] e = ipm.t3;
    for (int i = 0; i < li; i++) {
      out[i] = (1 - alpha) * u[i];
    }
    for (int i = 0; i < m; i++) {
      double gl = w[si + i] * d[si + i] - y[li + i] - e[si + i] * da[si + i];
      double gs = w[si + i] * d[li + i] - y[si + i] - e[si + i] * da[li + i];
      out[li + i] = (1 - alpha) * u[li + i] - alpha * gl;
      out[si + i] = (1 - alpha) * u[si + i] - alpha * gs;
    }
  }

  @Override
  public void jvpTheta(double[] z, double[] theta, double[] w, double[] out) {
    Checks.jvpThetaArgs(this, z, theta, w, out);
    InteriorPoint.Slot slot = directions(z, theta);
    double[] da = ipm.da;
    double[] d = ipm.dir;
    double[] t = ipm.t1;
    double[] y = ipm.t2;
    double[] xs = ipm.t3;
    for (int i = 0; i < n; i++) {
      xs[i] = z[i] + da[i];
    }
    java.util.Arrays.fill(t, 0.0);
    ipm.qp.kktThetaJvp(xs, w, t);
    double tol = productTolerance(z);
    ipm.solveRefined(slot, z, theta, t, y, false, 0.0, tol); // Δ̇ᵃ = −y
    for (int i = 0; i < n; i++) {
      xs[i] = z[i] + d[i];
    }
    java.util.Arrays.fill(t, 0.0);
    ipm.qp.kktThetaJvp(xs, w, t);
    for (int i = 0; i < m; i++) {
      t[si + i] += -y[li + i] * da[si + i] - da[li + i] * y[si + i];
    }
    ipm.solveRefined(slot, z, theta, t, out, false, 0.0, tol);
    for (int i = 0; i < out.length; i++) {
      out[i] *= -alpha;
    }
  }

  /**
   * v = ω − e = K⁻ᵀ(u − Cω) into t2, C the map ω ↦ y, for a θ whose T does not depend on x
   * (q, b, h: J_θFᵀu = −αTᵀv). The separate path refines ω to the tolerance and then solves
   * for e; here ω enters only through Cω, and ‖C‖ ≤ c = maxᵢ ‖(Δsᵃᵢ, Δλᵃᵢ)‖ vanishes near the
   * solution, so the bare ω₀ = K̃⁻ᵀu serves: v = ω₀ + K̃⁻ᵀ(r₁ − Cω₀) with r₁ = u − Kᵀω₀ — one
   * refinement step of ω and the solve for −e in one solve — then refined against
   * u − Cω₀. What it neglects, ‖C(ω − ω₀)‖, is estimated by 2c·‖r₁‖‖ω₀‖/‖u‖ (the error of ω₀
   * amplified as K⁻ᵀ amplifies u) and must stay below half the tolerance, else ω is refined
   * in place and the separate path goes on from it. Two solves and two products instead of
   * three and three on the paper's QP at n = 100 (c = 1.6e-5, ‖r₁‖/‖u‖ = 7.7e-6: 9e-11
   * neglected of a tolerance 5.9e-10). The forward twin (JVP) was tried and dropped: there
   * the bare solve of Tw is 1.1e-4 off and the estimate (1.3e-8) never passed.
   *
   * @return false when the separate path must finish: ω (refined) is then in t1.
   */
  private boolean combinedAdjoint(InteriorPoint.Slot slot, double[] z, double[] theta,
      double[] u, double uNorm, double tol) {
    double[] da = ipm.da;
    double[] w = ipm.t1;
    double[] v = ipm.t2;
    double[] r1 = ipm.t3;
    double[] rhs = ipm.t4;
    double[] t = ipm.t5;
    int dim = z.length;
    slot.kkt.solve(u, w, true);
    QpKktSystem.apply(ipm.qp, z, theta, w, t, true);
    for (int i = 0; i < dim; i++) {
      r1[i] = u[i] - t[i];
    }
    double c2 = 0;
    for (int i = 0; i < m; i++) {
      c2 = Math.max(c2, da[si + i] * da[si + i] + da[li + i] * da[li + i]);
    }
    double c = Math.sqrt(c2);
    double neglected = 2 * c * Blas.nrm2(r1)
        * Blas.nrm2(w) / (uNorm * uNorm);
    if (!(neglected <= 0.5 * tol)) {
      ipm.recordProductSolve(ipm.refineFrom(slot, z, theta, u, w, true, 0.0, tol, r1),
          Math.max(tol, InteriorPoint.PRODUCT_RESIDUAL));
      return false;
    }
    System.arraycopy(u, 0, rhs, 0, dim);
    for (int i = 0; i < m; i++) {
      rhs[li + i] -= w[si + i] * da[si + i];
      rhs[si + i] -= w[si + i] * da[li + i];
    }
    for (int i = 0; i < dim; i++) {
      t[i] = r1[i] + rhs[i] - u[i]; // r₁ − Cω₀ = (u − Cω₀) − Kᵀω₀
    }
    slot.kkt.solve(t, v, true);
    Blas.axpy(1.0, w, v);
    double rel = ipm.refineFrom(slot, z, theta, rhs, v, true, uNorm, tol - neglected, null);
    if (rel <= tol - neglected) {
      ipm.recordProductSolve(rel + neglected, tol); // one solve for ω and e
      return true;
    }
    ipm.solveRefined(slot, z, theta, u, w, true, 0.0, tol); // rare: the separate path
    return false;
  }

  /** The parts θ whose T = ∂_θ(R + K·) does not depend on x: q, b, h (not the Q scale). */
  private static final java.util.Set<Parameter>
      CONSTANT_T = java.util.EnumSet.of(Parameter.Q_LINEAR,
          Parameter.B,
          Parameter.H);

  @Override
  public void vjpTheta(double[] z, double[] theta, double[] u, double[] out) {
    Checks.vjpThetaArgs(this, z, theta, u, out);
    combined = false;
    InteriorPoint.Slot slot = directions(z, theta);
    double tol = productTolerance(z);
    if (CONSTANT_T.contains(ipm.qp.parameter()) && tol >= 4 * InteriorPoint.PRODUCT_RESIDUAL) {
      // (below 4e-13 the estimate of the neglected term leaves the refinement no room above
      // its floor: the separate path at once)
      double uNorm = Blas.nrm2(u);
      java.util.Arrays.fill(out, 0.0);
      if (uNorm == 0) {
        return;
      }
      combined = combinedAdjoint(slot, z, theta, u, uNorm, tol);
      if (combined) {
        ipm.qp.kktThetaVjp(z, ipm.t2, -alpha, out);
        return;
      }
      secondAdjointSolve(slot, z, theta, u, tol);
      ipm.qp.kktThetaVjp(z, ipm.t1, -alpha, out);
      ipm.qp.kktThetaVjp(z, ipm.t3, alpha, out);
      return;
    }
    adjointSolves(z, theta, u);
    double[] da = ipm.da;
    double[] d = ipm.dir;
    double[] w = ipm.t1;
    double[] y = ipm.t2;
    double[] e = ipm.t3;
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < n; i++) {
      y[i] = z[i] + d[i];
    }
    ipm.qp.kktThetaVjp(y, w, -alpha, out);
    for (int i = 0; i < n; i++) {
      y[i] = z[i] + da[i];
    }
    ipm.qp.kktThetaVjp(y, e, alpha, out);
  }
}
