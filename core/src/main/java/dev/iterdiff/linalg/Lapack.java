package dev.iterdiff.linalg;

import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The LAPACK instance of {@code dev.ludovic.netlib} — Spark's own backend: native
 * (JNILAPACK over the OpenBLAS bundled from Maven, or the system's liblapack.so.3, as
 * {@link NativeBlas} decides before netlib's first use), the F2j Java translation otherwise. {@link Cholesky} and {@link Lu} call it; use {@link #netlib()} for
 * routines they do not wrap.
 */
public final class Lapack {

  private static final LAPACK LAPACK_INSTANCE = netlibInstance();

  static {
    // The F2j LAPACK (the Java one, when no native LAPACK is installed) computes dlamch's
    // machine constants on its first call behind an unsynchronized static flag
    // (org.netlib.lapack.Dlamch.first, cleared before the constants are set): two threads
    // making their first LAPACK call at once — two tasks starting on a fresh executor — can
    // read zeros, and dpocon then returns a NaN condition number (seen on the standalone
    // cluster). Compute them once here, under the class-initialization lock, before any
    // caller can reach LAPACK through this class.
    LAPACK_INSTANCE.dlamch("S");
  }

  private Lapack() {}

  private static LAPACK netlibInstance() {
    NativeBlas.configure();
    return LAPACK.getInstance();
  }

  /** The netlib backend in use, e.g. {@code JNILAPACK} or {@code Java11LAPACK}. */
  public static String backend() {
    return LAPACK_INSTANCE.getClass().getSimpleName();
  }

  /** The underlying netlib instance. */
  public static LAPACK netlib() {
    return LAPACK_INSTANCE;
  }
}
