package dev.iterdiff.linalg;

import dev.iterdiff.catalog.CatalogEntry;
import java.util.List;

/**
 * A linear solver as registered in {@link LinearSolvers#CATALOG}.
 *
 * @param name        the name the CLI and the configs use.
 * @param description one line for help texts.
 * @param symmetric   whether it requires a symmetric (positive definite) system.
 * @param iterative   whether it is matrix-free with an iteration budget (else dense).
 * @param factory     builds an instance (one per thread).
 */
public record LinearSolverEntry(String name, String description, boolean symmetric,
    boolean iterative, Factory factory) implements CatalogEntry {

  /** Builds a linear solver. */
  @FunctionalInterface
  public interface Factory {

    /**
     * @param tol     relative residual tolerance, &gt; 0.
     * @param maxIter iteration budget (iterative solvers), &gt; 0.
     */
    LinearSolver create(double tol, int maxIter);
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
