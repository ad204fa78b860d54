/**
 * The meta-learning job (issue 11): iMAML with a convex inner problem (Rajeswaran et al. 2019;
 * the biased regularization of Denevi et al. 2019). {@link dev.iterdiff.spark.metalearn.MetaTasks}
 * is a meta-batch of N-way K-shot tasks as generic inner tasks, reduced by the same Spark
 * evaluator as hyperopt's folds; {@link dev.iterdiff.spark.metalearn.MetaTestEvaluation}
 * measures adaptation on fresh tasks of the held-out classes; {@link
 * dev.iterdiff.spark.metalearn.MetalearnJob} runs, checkpoints and writes the outputs.
 */
package dev.iterdiff.spark.metalearn;
