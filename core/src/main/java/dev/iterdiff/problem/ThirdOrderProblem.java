package dev.iterdiff.problem;

/**
 * A {@link Problem} that also provides the third-order products of f — the capability only
 * Newton's exact iteration Jacobian asks for (Bolte, Pauwels &amp; Vaiter 2023, Section 4):
 * <pre>
 *   J_θF w = −t·H⁻¹((∂_θ∇ₓf) w − (D_θH[w]) d),   J_xF v = (1 − t)v + t·H⁻¹(DₓH[v]) d.
 * </pre>
 * A problem without them still runs with every first-order solver (gd, heavy-ball) and every
 * estimator; {@code solver.Newton} rejects it with a message saying so.
 */
public interface ThirdOrderProblem extends Problem {

  /**
   * out = (Dₓ∇²ₓf [v]) d = ∇³ₓf[v, d, ·], length n. Symmetric in v and d; also its own
   * transpose product: uᵀ(Dₓ∇²f[v])d = vᵀ(Dₓ∇²f[u])d.
   */
  void hessianDerivX(double[] x, double[] theta, double[] d, double[] v, double[] out);

  /** out = (D_θ∇²ₓf [w]) d, w length m, out length n. */
  void hessianDerivThetaJvp(double[] x, double[] theta, double[] d, double[] w, double[] out);

  /** out = ∂_θ (uᵀ ∇²ₓf d), i.e. the transpose of {@link #hessianDerivThetaJvp} in w; length m. */
  void hessianDerivThetaVjp(double[] x, double[] theta, double[] d, double[] u, double[] out);
}
