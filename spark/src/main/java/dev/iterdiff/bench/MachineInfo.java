package dev.iterdiff.bench;

import dev.iterdiff.linalg.Blas;
import java.util.Locale;

/**
 * What a benchmark number depends on: BLAS and LAPACK backends, JVM, cores, and the
 * OpenBLAS thread setting.
 *
 * @param blas                 netlib BLAS class in use, e.g. {@code JNIBLAS}, {@code VectorBLAS}.
 * @param lapack               netlib LAPACK class in use, e.g. {@code JNILAPACK}, {@code F2jLAPACK}.
 * @param jvm                  JVM name and version.
 * @param cores                available processors.
 * @param openblasThreads      value of {@code OPENBLAS_NUM_THREADS}, or "unset".
 */
public record MachineInfo(String blas, String lapack, String jvm, int cores,
    String openblasThreads) {

  /** The current process. */
  public static MachineInfo current() {
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    return new MachineInfo(Blas.backend(), dev.iterdiff.linalg.Lapack.backend(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(), threads == null ? "unset" : threads);
  }

  /** One line: "BLAS VectorBLAS, LAPACK F2jLAPACK, OpenJDK 64-Bit Server VM 17…, 2 cores, …". */
  public String describe() {
    return String.format(Locale.ROOT,
        "BLAS %s, LAPACK %s, %s, %d cores, OPENBLAS_NUM_THREADS=%s", blas, lapack, jvm, cores,
        openblasThreads);
  }
}
