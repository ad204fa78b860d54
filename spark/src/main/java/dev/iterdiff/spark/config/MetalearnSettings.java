package dev.iterdiff.spark.config;

import dev.iterdiff.bilevel.OuterOptions;
import dev.iterdiff.spec.EstimatorSpec;
import dev.iterdiff.spec.SolverSpec;

/**
 * A validated meta-learning job config ({@code conf/metalearn-example.conf}).
 *
 * @param data             IDX images file (labels beside it) or LIBSVM file.
 * @param seed             class split and task seeds.
 * @param metaTrainClasses classes in the meta-train pool (the rest are meta-test).
 * @param ways             N.
 * @param shots            K (meta-training).
 * @param queries          Q per class.
 * @param lambda           λ &gt; 0 of softmax-prior.
 * @param metaBatch        B tasks.
 * @param solver           inner solver and its iteration cap.
 * @param innerTolerance   ‖∇ₓf‖ the inner solves reach.
 * @param estimator        one estimator with its options (CG tolerance).
 * @param outer            optimizer, step rule, learning rate, steps (identity parametrization).
 * @param testTasks        T fresh meta-test tasks per setting (0: no meta-test).
 * @param testShots        the K of each meta-test setting.
 * @param output           output directory.
 * @param fingerprint      SHA-256 of the config without output.
 * @param prior            how θ gives a task's prior mean: "class-means" (θ = per-pixel scale
 *                         of the centred support class means) or "mean" (θ = the p×N mean).
 * @param fresh            a new meta-batch every outer step (else one fixed batch).
 * @param partitions       Spark partitions for a meta-batch and for the meta-test tasks
 *                         (0: the context's default parallelism).
 * @param features         d, the feature map's output dimension (prior "feature-map"; 0
 *                         otherwise).
 * @param featureInit      W₀ of the feature map: "pca" or "random".
 * @param temperature      whether the feature map's query loss has a learned temperature
 *                         (θ = (W, log τ)).
 */
public record MetalearnSettings(String data, long seed, int metaTrainClasses, int ways,
    int shots, int queries, double lambda, int metaBatch, SolverSpec solver,
    double innerTolerance, EstimatorSpec estimator, OuterOptions outer, int testTasks,
    int[] testShots, String output, String fingerprint, String prior, boolean fresh,
    int partitions, int features, String featureInit, boolean temperature) {}
