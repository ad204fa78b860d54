/**
 * The hyperopt job ({@link dev.iterdiff.spark.hyperopt.HyperoptJob}): distributed
 * hypergradient descent over K folds with the outer state on the driver, the folds solved on
 * executors ({@link dev.iterdiff.spark.hyperopt.SparkEvaluator}: warm starts in a persisted RDD
 * keyed by fold, fold results reduced in fold order), a checkpoint after every step ({@link
 * dev.iterdiff.spark.hyperopt.HyperoptCheckpoint}), outputs ({@link
 * dev.iterdiff.spark.hyperopt.HyperoptOutput}) and many independent tunings at once ({@link
 * dev.iterdiff.spark.hyperopt.IndependentTunings}).
 */
package dev.iterdiff.spark.hyperopt;
