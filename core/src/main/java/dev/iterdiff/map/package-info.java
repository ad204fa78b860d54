/**
 * The one abstraction: {@link dev.iterdiff.map.DifferentiableMap}, a map M(x, θ) with its
 * four first-order products (JVP and VJP in x and in θ), and the argument guards shared by
 * every package.
 */
package dev.iterdiff.map;
