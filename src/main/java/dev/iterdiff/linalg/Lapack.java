package dev.iterdiff.linalg;

import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The LAPACK instance of {@code dev.ludovic.netlib} — Spark's own backend: native
 * (JNILAPACK over Debian's liblapack.so.3, e.g. OpenBLAS) when installed, the F2j Java
 * translation otherwise. {@link Cholesky} and {@link Lu} call it; use {@link #netlib()} for
 * routines they do not wrap.
 */
public final class Lapack {

  private static final LAPACK LAPACK_INSTANCE = LAPACK.getInstance();

  private Lapack() {}

  /** The netlib backend in use, e.g. {@code JNILAPACK} or {@code Java11LAPACK}. */
  public static String backend() {
    return LAPACK_INSTANCE.getClass().getSimpleName();
  }

  /** The underlying netlib instance. */
  public static LAPACK netlib() {
    return LAPACK_INSTANCE;
  }
}
