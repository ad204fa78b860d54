package dev.iterdiff.spark.config;

import dev.iterdiff.bilevel.OuterOptions;

/**
 * A validated dataset-distillation job config ({@link DistillConfig}; keys in
 * {@code conf/distill-example.conf}).
 *
 * @param train           IDX images file of the real training set (labels: the
 *                        {@code labels-idx1} file beside it).
 * @param test            IDX images file of the test set.
 * @param imagesPerClass  synthetic images per class, &gt; 0 (θ = classes × this × pixels).
 * @param lambda          the inner ℓ₂ weight λ &gt; 0.
 * @param init            θ₀: {@code noise} (uniform pixels) or {@code real} (random real
 *                        images of each class).
 * @param seed            seeds θ₀ and the random real images of the baseline.
 * @param partitions      partitions of the real training set (&gt; 0).
 * @param solver          inner solver name.
 * @param innerIterations cap on the inner iterations.
 * @param estimator       implicit | unrolled-reverse.
 * @param baselineDraws   random real subsets the baseline averages over (&gt; 0).
 * @param outer           outer optimizer (adam, fixed step), box [0, 1] parametrization.
 * @param output          output directory.
 * @param fingerprint     SHA-256 of the config without output (checkpoints refuse others).
 */
public record DistillSettings(String train, String test, int imagesPerClass, double lambda,
    String init, long seed, int partitions, String solver, int innerIterations,
    String estimator, int baselineDraws, OuterOptions outer, String output,
    String fingerprint) {

  /** With another output (made absolute by the job). */
  public DistillSettings withOutput(String out) {
    return new DistillSettings(train, test, imagesPerClass, lambda, init, seed, partitions,
        solver, innerIterations, estimator, baselineDraws, outer, out, fingerprint);
  }

  /** With another estimator (benchmarks compare the two on one config). */
  public DistillSettings withEstimator(String name) {
    return new DistillSettings(train, test, imagesPerClass, lambda, init, seed, partitions,
        solver, innerIterations, name, baselineDraws, outer, output, fingerprint);
  }
}
