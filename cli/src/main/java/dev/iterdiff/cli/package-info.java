/**
 * The {@code iterdiff} command line: {@link dev.iterdiff.cli.IterdiffCommand} (picocli root,
 * the jar's main class) and its subcommands — {@code jacobian}, the {@code bench} group,
 * {@code sweep}, {@code hyperopt}. Exit status 0 on success, 2 on bad input (one line on
 * stderr naming the option and the value), 1 on a runtime failure; stack traces only with
 * {@code --verbose}. Only this package and {@code spark/} know Spark.
 */
package dev.iterdiff.cli;
