package dev.iterdiff.diff;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.solver.Storage;
import java.util.List;

/**
 * An estimator of ∂x/∂θ as registered in {@link Estimators#CATALOG}: its name, the trajectory
 * storage a solve must keep for it, and its factory.
 *
 * @param name        the name the CLI and the configs use.
 * @param description one line for help texts.
 * @param storage     the storage a solve of at most k iterations must keep for it.
 * @param factory     builds the estimator from the options (stateless: one serves all).
 */
public record EstimatorEntry(String name, String description, StorageRule storage,
    Factory factory) implements CatalogEntry {

  /** Builds the estimator. */
  @FunctionalInterface
  public interface Factory {

    /** @throws IllegalArgumentException on options the estimator cannot take, naming them. */
    JacobianEstimator create(EstimatorOptions options);
  }

  /** The storage a solve must keep for this estimator. */
  @FunctionalInterface
  public interface StorageRule {

    /**
     * @param k       the solve's maximum number of iterations, ≥ 0.
     * @param options truncation K and checkpointing.
     * @throws IllegalArgumentException if the options do not fit k (e.g. K &gt; k).
     */
    Storage required(int k, EstimatorOptions options);
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
