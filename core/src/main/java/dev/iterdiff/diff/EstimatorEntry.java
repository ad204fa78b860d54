package dev.iterdiff.diff;

import dev.iterdiff.catalog.CatalogEntry;
import dev.iterdiff.solver.Storage;
import java.util.List;

/**
 * An estimator of ∂x/∂θ as registered in {@link Estimators#CATALOG}: its name, what it
 * estimates and which options it reads (its capabilities), the trajectory storage a solve must
 * keep for it, and its factory.
 *
 * @param name         the name the CLI and the configs use.
 * @param description  one line for help texts.
 * @param capabilities what it differentiates and the options it reads.
 * @param storage      the storage a solve of at most k iterations must keep for it.
 * @param factory      builds the estimator from the options (stateless: one serves all).
 */
public record EstimatorEntry(String name, String description, Capabilities capabilities,
    StorageRule storage, Factory factory) implements CatalogEntry {

  /** What an estimator differentiates, hence what it is exact for. */
  public enum Target {
    /**
     * The k recorded iterations: the derivative of θ ↦ x_k(θ) with the step records held
     * fixed, for any k (unrolled; truncated with K = k).
     */
    UNROLLED,
    /**
     * The last iteration only, J_θF(s_{k−1}, θ): J* at a converged solve of a solver whose
     * J_sF vanishes there (one-step).
     */
    LAST_STEP,
    /** The optimality condition at the last iterate: J* at a converged solve (implicit). */
    CONDITION
  }

  /**
   * What an estimator differentiates and which options it reads.
   *
   * @param target         what it differentiates.
   * @param usesCondition  whether it reads {@link EstimatorOptions#condition()} (implicit).
   * @param usesTruncation whether it reads {@link EstimatorOptions#truncation()} and equals
   *                       the full unrolling when K = k (truncated).
   */
  public record Capabilities(Target target, boolean usesCondition, boolean usesTruncation) {

    /** @throws IllegalArgumentException on a null target. */
    public Capabilities {
      if (target == null) {
        throw new IllegalArgumentException("estimator capabilities: target is null");
      }
    }
  }

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

  /** @throws IllegalArgumentException on a null name, capabilities, storage rule or factory. */
  public EstimatorEntry {
    if (name == null || capabilities == null || storage == null || factory == null) {
      throw new IllegalArgumentException("estimator entry: name, capabilities, storage rule "
          + "and factory must be non-null");
    }
  }

  @Override
  public List<String> aliases() {
    return List.of();
  }
}
