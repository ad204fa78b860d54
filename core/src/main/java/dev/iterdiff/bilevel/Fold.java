package dev.iterdiff.bilevel;

/**
 * One cross-validation split: the rows the inner problem trains on and the held-out rows the
 * outer objective is measured on. Row indices refer to the full data set, ascending.
 *
 * @param index          fold number, 0 ≤ index &lt; k.
 * @param trainRows      training rows (inner problem). Not shared with validationRows.
 * @param validationRows validation rows (outer objective).
 */
public record Fold(int index, int[] trainRows, int[] validationRows) implements java.io.Serializable {}
