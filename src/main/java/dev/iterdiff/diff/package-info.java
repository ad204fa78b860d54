/**
 * Estimators of ∂x/∂θ sharing one solve — unrolled forward and reverse (with
 * checkpointing), truncated, one-step (Bolte, Pauwels &amp; Vaiter 2023) and implicit (Blondel
 * et al. 2021) — their diagnostics, the forward-mode AD adapter over Hipparchus and the
 * central finite-difference checker.
 */
package dev.iterdiff.diff;
