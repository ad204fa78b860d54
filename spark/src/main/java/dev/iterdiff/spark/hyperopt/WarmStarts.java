package dev.iterdiff.spark.hyperopt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import scala.Tuple2;

/**
 * Warm starts of a checkpoint as JSON lines, one {@code {"fold": f, "x": [numbers]}} per fold,
 * one file {@code part-<fold>} per fold, written by the evaluation tasks themselves
 * ({@link #write}) or by Spark's {@code saveAsTextFile} (one part file per partition). A data format, not
 * Java serialization: reading one only ever yields an int and a double[]. JSON lines rather
 * than Parquet because a text file read back keeps one partition per part file (Spark's file
 * sources merge small files into one partition), doubles survive the text bit for bit
 * ({@link CheckpointJson}), and a person can look at them. Non-finite numbers are the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class WarmStarts {

  private WarmStarts() {}

  /** One line: the fold and its inner solution. */
  static String line(int fold, double[] x) {
    ObjectNode o = CheckpointJson.MAPPER.createObjectNode();
    o.put("fold", fold);
    ArrayNode a = o.putArray("x");
    for (double v : x) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.add(Double.toString(v));
      }
    }
    return o.toString();
  }

  /**
   * Writes fold {@code fold}'s line as the file {@code part-<fold>} under {@code dir}: to a
   * hidden temporary file first (a name {@link #read} skips), then renamed, so a reader sees
   * the whole line or no file. Called inside the evaluation job, once per fold; a retried
   * task writes the same line again.
   */
  static void write(String dir, int fold, double[] x, Configuration conf) throws IOException {
    Path d = new Path(dir);
    FileSystem fs = d.getFileSystem(conf);
    Path f = new Path(d, String.format(java.util.Locale.ROOT, "part-%05d", fold));
    Path tmp = new Path(d, "." + f.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
    try (java.io.OutputStream out = fs.create(tmp, true)) {
      out.write((line(fold, x) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(f, false);
    if (!fs.rename(tmp, f)) {
      throw new IOException("warm starts: could not rename " + tmp + " to " + f);
    }
  }

  /**
   * Parses one line.
   *
   * @param where file named in messages.
   * @throws IllegalArgumentException naming {@code where} if the line is not such an object.
   */
  static Tuple2<Integer, double[]> parse(String line, String where) {
    JsonNode o;
    try {
      o = CheckpointJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("warm starts " + where + ": not a JSON line ("
          + e.getOriginalMessage() + ")");
    }
    JsonNode fold = o == null ? null : o.get("fold");
    JsonNode x = o == null ? null : o.get("x");
    if (fold == null || !fold.isInt() || x == null || !x.isArray()) {
      throw new IllegalArgumentException("warm starts " + where + ": expected {\"fold\": int, "
          + "\"x\": [numbers]}, got " + (line.length() > 40 ? line.substring(0, 40) + "…" : line));
    }
    double[] v = new double[x.size()];
    for (int j = 0; j < v.length; j++) {
      JsonNode e = x.get(j);
      if (e.isNumber()) {
        v[j] = e.doubleValue();
      } else if (e.isTextual()
          && List.of("NaN", "Infinity", "-Infinity").contains(e.textValue())) {
        v[j] = Double.parseDouble(e.textValue());
      } else {
        throw new IllegalArgumentException("warm starts " + where + ": fold " + fold.intValue()
            + ", x[" + j + "] is not a number: " + e);
      }
    }
    return new Tuple2<>(fold.intValue(), v);
  }

  /**
   * Reads the warm starts under {@code dir} on the driver and checks them: every fold
   * 0…folds−1 exactly once, each x of length {@code cols}.
   *
   * @throws IllegalArgumentException naming the directory (or file) otherwise.
   */
  static List<Tuple2<Integer, double[]>> read(String dir, int folds, int cols,
      Configuration conf) throws IOException {
    Path d = new Path(dir);
    FileSystem fs = d.getFileSystem(conf);
    if (!fs.isDirectory(d)) {
      throw new IllegalArgumentException("checkpoint: warm starts " + d + " not found");
    }
    TreeMap<Integer, double[]> byFold = new TreeMap<>();
    for (FileStatus f : fs.listStatus(d)) {
      String name = f.getPath().getName();
      if (!f.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(f.getPath()),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Tuple2<Integer, double[]> t = parse(line, f.getPath().toString());
          if (t._1() < 0 || t._1() >= folds || byFold.put(t._1(), t._2()) != null) {
            throw new IllegalArgumentException("warm starts " + f.getPath() + ": fold "
                + t._1() + " is out of 0.." + (folds - 1) + " or given twice");
          }
          if (t._2().length != cols) {
            throw new IllegalArgumentException("warm starts " + f.getPath() + ": fold "
                + t._1() + " has " + t._2().length + " numbers, the data " + cols);
          }
        }
      }
    }
    if (byFold.size() != folds) {
      throw new IllegalArgumentException("checkpoint: warm starts " + d + " hold "
          + byFold.size() + " folds, expected " + folds);
    }
    List<Tuple2<Integer, double[]>> out = new ArrayList<>();
    byFold.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
    return out;
  }
}
