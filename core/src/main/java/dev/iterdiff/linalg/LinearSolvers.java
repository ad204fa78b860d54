package dev.iterdiff.linalg;

import dev.iterdiff.catalog.Catalog;
import dev.iterdiff.catalog.UnknownNameException;
import dev.iterdiff.map.Checks;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a {@link LinearSolver} by name (as the CLI spells it) or by size.
 *
 * <p><b>Automatic choice.</b> Dense (Cholesky if symmetric, else LU) up to
 * {@link #denseThreshold()} unknowns, matrix-free above (CG if symmetric, else GMRES). Measured
 * on this project's shared 2-core machine (F2j Java LAPACK, VectorBLAS; medians of 5 runs, the
 * test-scope benchmark {@code dev.iterdiff.linalg.DenseKrylovCrossover}): Cholesky including
 * materialisation vs CG at tol 1e-10 on ridge-like Hessians XᵀX/N + μI, Cholesky/CG time —
 * <pre>
 *   κ ≈ 4·10³ (CG ≈ 420–690 it.)   n = 250: 1.3–3.6   n = 500: 0.8–1.1   n = 1000: 1.3–2.1
 *   κ ≈ 30    (CG ≈ 60 it.)        n = 250: 1.0–3.0   n = 500: 3.9–9.9   n = 1000: 16–21
 * </pre>
 * (ranges over a dense operator and a Hessian-vector-product operator, which the dense path
 * applies n times to materialise; the machine was shared, load 15–18, so ±2×). Dense is robust to conditioning and breaks even around n = 500 on the
 * harder case, so the threshold is {@value #DENSE_THRESHOLD_JAVA} with the Java LAPACK and
 * {@value #DENSE_THRESHOLD_NATIVE} with a native one (10–25× faster factorizations,
 * SPARK-NOTES.md).
 *
 * <p>The BLAS and LAPACK backends in use are logged once, at debug level, when this class is
 * first used.
 */
public final class LinearSolvers {

  private static final Logger LOG = LoggerFactory.getLogger(LinearSolvers.class);

  /**
   * Every registered linear solver, in the order help texts list them ({@code auto}, the
   * size-based choice of implicit differentiation, is not a solver of its own: see
   * {@link #auto}).
   */
  public static final Catalog<LinearSolverEntry> CATALOG = Catalog.of("linear solver",
      new LinearSolverEntry("cholesky", "dense Cholesky (LAPACK dpotrf), symmetric positive "
          + "definite", true, false, (tol, maxIter) -> new Cholesky(tol)),
      new LinearSolverEntry("lu", "dense LU with partial pivoting (LAPACK dgetrf)", false, false,
          (tol, maxIter) -> new Lu(tol)),
      new LinearSolverEntry("cg", "conjugate gradient, matrix-free, symmetric positive definite",
          true, true, ConjugateGradient::new),
      new LinearSolverEntry("gmres", "restarted GMRES, matrix-free", false, true, Gmres::new),
      new LinearSolverEntry("bicgstab", "BiCGSTAB, matrix-free", false, true, BiCgStab::new),
      new LinearSolverEntry("neumann", "truncated Neumann series (Lorraine et al. 2020), "
          + "spectral radius of I - A below 1", false, true, NeumannSeries::new));

  /** The valid names, in the order error messages list them. */
  public static final List<String> NAMES = CATALOG.names();

  /** The choice that is not a catalog entry: {@link #auto}, by size and symmetry. */
  public static final String AUTO = "auto";

  /** What an implicit linear-solver option accepts: {@value #AUTO}, then {@link #NAMES}. */
  public static final List<String> CHOICES = choices();

  /** Dense/iterative threshold with the Java (F2j) LAPACK. */
  public static final int DENSE_THRESHOLD_JAVA = 500;

  /** Dense/iterative threshold with a native LAPACK. */
  public static final int DENSE_THRESHOLD_NATIVE = 1000;

  static {
    LOG.debug("linear algebra backends: BLAS {}, LAPACK {}", Blas.backend(), Lapack.backend());
  }

  private LinearSolvers() {}

  private static List<String> choices() {
    List<String> c = new ArrayList<>();
    c.add(AUTO);
    c.addAll(NAMES);
    return List.copyOf(c);
  }

  /**
   * The canonical form of a linear-solver choice: {@value #AUTO} or a name of {@link #CATALOG}
   * (case-insensitive).
   *
   * @throws UnknownNameException listing {@link #CHOICES}, e.g.
   *         {@code unknown linear solver 'qr' (valid: auto, cholesky, lu, …)}.
   */
  public static String choice(String name) {
    if (name != null && name.trim().equalsIgnoreCase(AUTO)) {
      return AUTO;
    }
    if (!CATALOG.contains(name)) {
      throw new UnknownNameException(CATALOG.kind(), name, CHOICES);
    }
    return CATALOG.canonical(name);
  }

  /**
   * The solver called {@code name}.
   *
   * @param name    one of {@link #NAMES} (case-insensitive).
   * @param tol     relative residual tolerance, > 0 (also checked by the dense solvers).
   * @param maxIter iteration budget of the iterative solvers (terms for neumann), > 0;
   *                ignored by cholesky and lu.
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a
   *         non-positive tol / maxIter.
   */
  public static LinearSolver byName(String name, double tol, int maxIter) {
    Checks.positive("tol", tol);
    Checks.positive("maxIter", maxIter);
    return CATALOG.get(name).factory().create(tol, maxIter);
  }

  /**
   * The automatic choice for an n×n system: cholesky / lu up to {@link #denseThreshold()},
   * cg / gmres (budget {@link #defaultMaxIterations(int)}) above.
   *
   * @param n         dimension, > 0.
   * @param symmetric whether A is symmetric (definite: positive or negative).
   * @param tol       relative residual tolerance, > 0.
   */
  public static LinearSolver auto(int n, boolean symmetric, double tol) {
    Checks.positive("n", n);
    if (n <= denseThreshold()) {
      return symmetric ? new Cholesky(tol) : new Lu(tol);
    }
    int maxIter = defaultMaxIterations(n);
    return symmetric ? new ConjugateGradient(tol, maxIter) : new Gmres(tol, maxIter);
  }

  /** The size up to which {@link #auto} picks a dense solver, for the LAPACK in use. */
  public static int denseThreshold() {
    return Lapack.backend().startsWith("JNI") ? DENSE_THRESHOLD_NATIVE : DENSE_THRESHOLD_JAVA;
  }

  /** The iteration budget {@link #auto} gives iterative solvers: max(1000, 10·n). */
  public static int defaultMaxIterations(int n) {
    return Math.max(1000, 10 * n);
  }
}
