/**
 * Spark ML pipeline stages: {@link dev.iterdiff.spark.ml.HypergradientTuner}, an
 * {@code Estimator} a Spark user drops in where {@code CrossValidator} was, which tunes a
 * {@code LinearRegression} / {@code LogisticRegression}'s regParam (or one λ per feature) by
 * distributed hypergradient descent on the learner's own objective (intercept unpenalized,
 * standardization as set), and its {@link dev.iterdiff.spark.ml.HypergradientTunerModel}, which
 * holds the refit Spark ML model, the tuned hyperparameters and the trajectory. Both follow
 * Spark ML's conventions: typed Params with defaults, {@code copy}, {@code transformSchema}
 * validation, {@code write().save} / {@code load}.
 */
package dev.iterdiff.spark.ml;
