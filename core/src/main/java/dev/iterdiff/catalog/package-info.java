/**
 * One catalog per extension point: {@link dev.iterdiff.catalog.Catalog} holds the registered
 * entries ({@link dev.iterdiff.catalog.CatalogEntry}: name, aliases, description; each entry
 * type adds its factory and capabilities) and fails on an unknown name with {@link
 * dev.iterdiff.catalog.UnknownNameException}, which lists the valid names. The catalogs
 * themselves live beside what they register: {@code solver.Solvers}, {@code problem.Problems},
 * {@code diff.Estimators}, {@code linalg.LinearSolvers}, {@code optimality.Conditions},
 * {@code bilevel.OuterLosses}.
 */
package dev.iterdiff.catalog;
