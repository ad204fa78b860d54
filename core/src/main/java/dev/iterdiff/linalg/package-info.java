/**
 * Dense and matrix-free linear algebra on double[] (column-major, like LAPACK and MLlib's
 * DenseMatrix).
 *
 * <ul>
 *   <li>{@link dev.iterdiff.linalg.Blas} and {@link dev.iterdiff.linalg.Lapack}: static facades
 *       over dev.ludovic.netlib, Spark's own backend (native OpenBLAS when installed, vectorized
 *       or F2j Java otherwise; {@link dev.iterdiff.linalg.LinearSolvers} logs which at debug
 *       level).
 *   <li>{@link dev.iterdiff.linalg.LinearOperator} (matrix-free v ↦ A v) and
 *       {@link dev.iterdiff.linalg.DenseMatrixOperator} (a dense matrix, gemv; materialises any
 *       operator with n applications).
 *   <li>{@link dev.iterdiff.linalg.DenseFactorization}: {@link dev.iterdiff.linalg.Cholesky}
 *       (dpotrf/dpotrs; negative definite A accepted on the solver path) and
 *       {@link dev.iterdiff.linalg.Lu} (dgetrf/dgetrs) — factor once, solve many (Newton), and
 *       linear solvers with a residual check and iterative refinement.
 *   <li>{@link dev.iterdiff.linalg.IterativeLinearSolver}: the matrix-free
 *       {@link dev.iterdiff.linalg.ConjugateGradient}, restarted
 *       {@link dev.iterdiff.linalg.Gmres}, {@link dev.iterdiff.linalg.BiCgStab} and the
 *       truncated {@link dev.iterdiff.linalg.NeumannSeries}.
 *   <li>{@link dev.iterdiff.linalg.LinearSolvers}: by name (cholesky, lu, cg, gmres, bicgstab,
 *       neumann) or automatically by size and symmetry.
 * </ul>
 *
 * Every {@link dev.iterdiff.linalg.LinearSolver} reports iterations and the final <em>true</em>
 * relative residual ‖b − A x‖/‖b‖ in a {@link dev.iterdiff.linalg.LinearSolveResult} and throws
 * {@link dev.iterdiff.linalg.LinearSolveException} naming the tolerance and the residual reached
 * (or the failing minor, pivot or breakdown) when it fails — never silent zeros; b = 0 gives
 * x = 0 with residual 0. Solvers keep workspaces per instance, allocate nothing per iteration,
 * and are not thread-safe: one instance per thread (Spark task).
 */
package dev.iterdiff.linalg;
