/**
 * The catalog of optimality conditions G(z, θ) = 0 used by implicit differentiation:
 * {@link dev.iterdiff.optimality.Stationarity} (∇ₓf = 0, symmetric ∂ₓG = ∇²ₓf) and
 * {@link dev.iterdiff.optimality.FixedPoint} (F_t(s) − s of any solver, on its state).
 */
package dev.iterdiff.optimality;
