/**
 * Estimators of ∂x/∂θ sharing one solve — {@link dev.iterdiff.diff.UnrolledForward},
 * {@link dev.iterdiff.diff.UnrolledReverse} (full or checkpointed trajectory),
 * {@link dev.iterdiff.diff.Truncated} (Shaban et al. 2019), {@link dev.iterdiff.diff.OneStep}
 * (Bolte, Pauwels &amp; Vaiter 2023) and {@link dev.iterdiff.diff.Implicit} (Blondel et al.
 * 2021), built by name with {@link dev.iterdiff.diff.Estimators}, which also says what storage
 * a solve must keep — and their {@link dev.iterdiff.diff.Diagnostics} (ρ = ‖J_sF‖₂ by
 * {@link dev.iterdiff.diff.ContractionEstimate}, ‖J_θF‖_F, the one-step bound); the
 * forward-mode AD adapter over Hipparchus and the central finite-difference checker.
 */
package dev.iterdiff.diff;
