package dev.iterdiff.problem;

/**
 * The Hessian ∇²ₓf(x, θ) restricted to a set of coordinates S (the principal submatrix
 * H_SS), applied and formed at a cost in |S| rather than in p: for a data term
 * c·Σᵢ wᵢℓ(aᵢᵀx) it is c·A_Sᵀ diag(w ℓ'') A_S on the |S| gathered columns A_S. What the
 * active-set implicit systems of the ℓ1-type conditions need (the lasso:
 * J_S = −(A_SᵀA_S/N)⁻¹ sign(x_S)). Holds workspaces: one instance per thread.
 */
public interface SupportHessian {

  /** |S|. */
  int size();

  /**
   * out = H_SS v.
   *
   * @param v   length |S|. Not modified.
   * @param out length |S|. Modified.
   */
  void apply(double[] v, double[] out);

  /**
   * out = H_SS, |S|×|S| column-major, symmetric (both triangles), by one BLAS-3 call.
   *
   * @param out length |S|². Modified.
   */
  void dense(double[] out);

  /**
   * The lower triangle of α·H_SS into out (|S|×|S| column-major; the strict upper triangle
   * unspecified): what a Cholesky factorization reads ({@link
   * dev.iterdiff.linalg.DenseFactorization#factorInPlace}). Implementations form it by one
   * BLAS-3 call with α folded in; the default scales {@link #dense}.
   *
   * @param alpha α.
   * @param out   length ≥ |S|². Modified.
   */
  default void denseLower(double alpha, double[] out) {
    int k = size();
    double[] full = new double[k * k];
    dense(full);
    for (int j = 0; j < k; j++) {
      for (int i = j; i < k; i++) {
        out[i + j * k] = alpha * full[i + j * k];
      }
    }
  }

  /** Floating-point operations of one {@link #apply} (a cost model for the caller). */
  double applyFlops();

  /** Floating-point operations of {@link #dense} (a cost model for the caller). */
  double denseFlops();
}
