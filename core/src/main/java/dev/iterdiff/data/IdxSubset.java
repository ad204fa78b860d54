package dev.iterdiff.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, class-balanced subset of an IDX data set — how the committed Fashion-MNIST
 * subset in {@code data-samples/} was cut ({@code data-samples/make.sh}):
 * <pre>
 *   IdxSubset SRC_IMAGES SRC_LABELS PER_CLASS SEED OUT_IMAGES OUT_LABELS
 * </pre>
 * For each class c in ascending order, the indices of its samples (in file order) are
 * shuffled by Fisher–Yates with one {@code java.util.Random(seed)} shared across the classes,
 * and the first PER_CLASS are kept; the kept indices are then written in ascending order, so
 * the subset keeps the source's order and is bit-for-bit reproducible from (file, K, seed).
 */
public final class IdxSubset {

  private IdxSubset() {}

  /** Command-line entry; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: IdxSubset SRC_IMAGES SRC_LABELS PER_CLASS SEED OUT_IMAGES "
          + "OUT_LABELS");
      System.exit(2);
    }
    IdxReader.Images images = IdxReader.images(Path.of(args[0]));
    int[] labels = IdxReader.labels(Path.of(args[1]));
    if (labels.length != images.count()) {
      throw new IllegalArgumentException(args[1] + ": " + labels.length + " labels, but "
          + args[0] + " holds " + images.count() + " images");
    }
    int[] keep = stratified(labels, Integer.parseInt(args[2]), Long.parseLong(args[3]), args[1]);
    IdxWriter.images(select(images, keep, args[4]), Path.of(args[4]));
    IdxWriter.labels(select(labels, keep), Path.of(args[5]));
  }

  /**
   * The indices of {@code perClass} samples of every class present, ascending (see the
   * class comment).
   *
   * @param source names the labels in messages.
   * @throws IllegalArgumentException if perClass ≤ 0 or a class has fewer samples, naming it.
   */
  public static int[] stratified(int[] labels, int perClass, long seed, String source) {
    if (perClass <= 0) {
      throw new IllegalArgumentException(source + ": per-class count " + perClass
          + " (must be > 0)");
    }
    int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
    Random rng = new Random(seed);
    int[] keep = new int[Math.multiplyExact(classes.length, perClass)];
    int k = 0;
    for (int c : classes) {
      int[] members = indicesOf(labels, c);
      if (members.length < perClass) {
        throw new IllegalArgumentException(source + ": class " + c + " has " + members.length
            + " samples, fewer than the " + perClass + " asked");
      }
      for (int i = members.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = members[i];
        members[i] = members[j];
        members[j] = t;
      }
      System.arraycopy(members, 0, keep, k, perClass);
      k += perClass;
    }
    Arrays.sort(keep);
    return keep;
  }

  /** The indices i with labels[i] == c, ascending. */
  static int[] indicesOf(int[] labels, int c) {
    int n = 0;
    for (int l : labels) {
      n += l == c ? 1 : 0;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == c) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** The images at the given indices, in that order. */
  public static IdxReader.Images select(IdxReader.Images images, int[] indices, String source) {
    int size = images.size();
    byte[] px = new byte[Math.multiplyExact(indices.length, size)];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(images.pixels(), indices[k] * size, px, k * size, size);
    }
    return new IdxReader.Images(indices.length, images.rows(), images.cols(), px, source);
  }

  /** The labels at the given indices, in that order. */
  public static int[] select(int[] labels, int[] indices) {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[indices[k]];
    }
    return out;
  }
}
