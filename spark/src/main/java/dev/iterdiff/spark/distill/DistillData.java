package dev.iterdiff.spark.distill;

import dev.iterdiff.data.IdxReader;
import dev.iterdiff.problem.LabeledData;
import dev.iterdiff.spark.hyperopt.HyperoptCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * The data of a distillation run: an IDX images file and its labels file (the
 * {@code labels-idx1} name beside it), read on the driver with the project's own reader
 * (gzip, magic numbers, dimensions checked; pixels v/255 ∈ [0, 1]), with the SHA-256 of the
 * images file (a checkpoint refuses other data). Also the synthetic samples' labels and θ₀.
 */
public final class DistillData {

  private DistillData() {}

  /**
   * Reads images + labels.
   *
   * @param key the config key naming the file, for messages.
   * @throws IllegalArgumentException "key: file not found: path" for a missing images or labels
   *         file; the reader's message (naming the file) for a truncated or malformed one.
   */
  public static LabeledData read(String key, String images) throws IOException {
    Path p = Path.of(images);
    try {
      return IdxReader.read(p);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(key + ": file not found: " + e.getFile());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /** SHA-256 of a file's bytes, as a checkpoint digest. */
  public static HyperoptCheckpoint.DataDigest digest(String path) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(Path.of(path)), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return new HyperoptCheckpoint.DataDigest(path, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * K = largest label + 1.
   *
   * @throws IllegalArgumentException if fewer than 2 classes, naming the source.
   */
  public static int classes(LabeledData d) {
    int k = 0;
    for (double y : d.labels()) {
      k = Math.max(k, (int) y + 1);
    }
    if (k < 2) {
      throw new IllegalArgumentException(d.source() + ": " + k + " class(es), need >= 2");
    }
    return k;
  }

  /** Labels of the synthetic samples, class-major: sample c·perClass + r has class c. */
  public static int[] syntheticLabels(int classes, int perClass) {
    int[] y = new int[classes * perClass];
    for (int i = 0; i < y.length; i++) {
      y[i] = i / perClass;
    }
    return y;
  }

  /**
   * perClass random real images of each class (seeded, without replacement), as θ: sample
   * c·perClass + r is the r-th drawn image of class c.
   *
   * @throws IllegalArgumentException if a class has fewer than perClass images.
   */
  public static double[] randomReal(LabeledData d, int classes, int perClass, long seed) {
    int n = d.rows();
    int p = d.cols();
    java.util.List<java.util.List<Integer>> byClass = new java.util.ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new java.util.ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      byClass.get((int) d.labels()[i]).add(i);
    }
    Random rng = new Random(seed);
    double[] theta = new double[classes * perClass * p];
    for (int c = 0; c < classes; c++) {
      java.util.List<Integer> rows = byClass.get(c);
      if (rows.size() < perClass) {
        throw new IllegalArgumentException(d.source() + ": class " + c + " has " + rows.size()
            + " images, fewer than images-per-class = " + perClass);
      }
      java.util.Collections.shuffle(rows, rng);
      for (int r = 0; r < perClass; r++) {
        int row = rows.get(r);
        int sample = c * perClass + r;
        for (int j = 0; j < p; j++) {
          theta[sample * p + j] = d.a()[row + j * n];
        }
      }
    }
    return theta;
  }

  /** Uniform pixels in [0, 1], seeded. */
  public static double[] noise(int length, long seed) {
    Random rng = new Random(seed);
    double[] t = new double[length];
    for (int i = 0; i < length; i++) {
      t[i] = rng.nextDouble();
    }
    return t;
  }
}
