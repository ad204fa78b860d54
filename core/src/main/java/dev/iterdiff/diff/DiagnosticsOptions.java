package dev.iterdiff.diff;

import dev.iterdiff.map.Checks;

/**
 * Which diagnostics an estimate computes besides the ones that are free (iterations,
 * optimality residual, linear-solve statistics).
 *
 * <p>With {@code contraction} set, every estimate also carries ρ = ‖J_sF‖₂ at the last
 * iterate ({@link ContractionEstimate}, {@code lanczosSteps} JVP+VJP pairs from a random
 * start drawn with {@code seed}), ‖J_θF‖_F (min(m, s) products) and the one-step bound
 * ρ/(1−ρ)·‖J_θF‖_F. These cost about 2·lanczosSteps + min(m, s) map products; skip them
 * ({@link #none()}) to measure an estimator's own cost. Diagnostics are never included in an
 * estimate's {@code seconds} either way.
 *
 * @param contraction     compute ρ, ‖J_θF‖_F and the one-step bound.
 * @param lanczosSteps    Lanczos steps for ρ (≥ 1).
 * @param seed            seed of the Lanczos start vector (results are reproducible).
 */
public record DiagnosticsOptions(boolean contraction, int lanczosSteps, long seed)
    implements java.io.Serializable {

  /** Default number of Lanczos steps. */
  public static final int DEFAULT_LANCZOS_STEPS = 30;

  /** Default seed. */
  public static final long DEFAULT_SEED = 20230517L;

  /**
   * @throws IllegalArgumentException if {@code lanczosSteps < 1}.
   */
  public DiagnosticsOptions {
    Checks.positive("diagnostics Lanczos steps", lanczosSteps);
  }

  /** Everything, with the default Lanczos steps and seed. */
  public static DiagnosticsOptions full() {
    return new DiagnosticsOptions(true, DEFAULT_LANCZOS_STEPS, DEFAULT_SEED);
  }

  /** Only the free diagnostics: ρ, ‖J_θF‖_F and the one-step bound are NaN. */
  public static DiagnosticsOptions none() {
    return new DiagnosticsOptions(false, DEFAULT_LANCZOS_STEPS, DEFAULT_SEED);
  }
}
