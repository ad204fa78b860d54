/**
 * Dense vectors and matrices on double[] (column-major, like LAPACK and MLlib's DenseMatrix):
 * the {@link dev.iterdiff.linalg.Blas} facade over dev.ludovic.netlib, dense Cholesky and LU
 * through LAPACK, {@link dev.iterdiff.linalg.LinearOperator} and matrix-free Krylov solvers
 * (CG, GMRES, BiCGSTAB) and the truncated Neumann series. Every solve reports iterations and
 * residual and throws {@link dev.iterdiff.linalg.LinearSolveException} when it fails.
 */
package dev.iterdiff.linalg;
