/**
 * Dense and matrix-free linear algebra on double[] (column-major, like LAPACK and MLlib's
 * DenseMatrix).
 *
 * <ul>
 *   <li>{@link dev.iterdiff.linalg.Blas} and {@link dev.iterdiff.linalg.Lapack}: facades over
 *       dev.ludovic.netlib (Spark's backend: native OpenBLAS when installed, Java otherwise).
 *   <li>{@link dev.iterdiff.linalg.Cholesky} and {@link dev.iterdiff.linalg.Lu}: LAPACK
 *       factorizations, factor once / solve many (Newton), also usable as linear solvers.
 *   <li>{@link dev.iterdiff.linalg.LinearOperator} (matrix-free v ↦ A v) and
 *       {@link dev.iterdiff.linalg.DenseMatrixOperator}.
 *   <li>{@link dev.iterdiff.linalg.LinearSolver}: Cholesky, LU, and the matrix-free
 *       ConjugateGradient, restarted Gmres, BiCgStab and the truncated NeumannSeries, chosen by
 *       name or size in LinearSolvers.
 * </ul>
 *
 * Every solve reports iterations and the final true relative residual ‖b − A x‖/‖b‖ in a
 * {@link dev.iterdiff.linalg.LinearSolveResult} and throws
 * {@link dev.iterdiff.linalg.LinearSolveException} naming the tolerance and the residual
 * reached when it fails — never silent zeros. Solvers keep workspaces per instance and are not
 * thread-safe.
 */
package dev.iterdiff.linalg;
