/**
 * The catalog of optimality conditions G(z, θ) = 0 used by implicit differentiation:
 * stationarity ∇ₓf = 0 and the fixed point F(s) − s of any solver.
 */
package dev.iterdiff.optimality;
