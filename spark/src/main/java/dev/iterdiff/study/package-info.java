/**
 * The papers' figures, reproduced by the project's own solvers and estimators: one
 * {@link dev.iterdiff.study.Study} per figure ({@code iterdiff study NAME}), each writing its
 * numbers as CSV and its figure as PNG and SVG ({@link dev.iterdiff.report.FigureGrid}).
 * The papers' claims stay tests; the figures illustrate them. Registered in
 * {@link dev.iterdiff.study.Studies}.
 */
package dev.iterdiff.study;
