package dev.iterdiff.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reading a job's output files and writing the report beside them, through Hadoop's file
 * system (local paths, {@code file://}, {@code hdfs://}, {@code s3a://} alike), and turning
 * JSON values into table cells.
 */
public final class ReportFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportFiles() {}

  /** {@code output/name} as a string. */
  public static String path(String output, String name) {
    return new Path(output, name).toString();
  }

  /** Whether {@code output/name} exists. */
  public static boolean exists(SparkSession spark, String output, String name)
      throws IOException {
    Path p = new Path(output, name);
    return p.getFileSystem(conf(spark)).exists(p);
  }

  /** The text of {@code output/name} (UTF-8). */
  public static String text(SparkSession spark, String output, String name)
      throws IOException {
    Path p = new Path(output, name);
    try (InputStream in = p.getFileSystem(conf(spark)).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The bytes of {@code output/name}. */
  public static byte[] bytes(SparkSession spark, String output, String name)
      throws IOException {
    Path p = new Path(output, name);
    try (InputStream in = p.getFileSystem(conf(spark)).open(p)) {
      return in.readAllBytes();
    }
  }

  /**
   * {@code output/name} parsed as JSON.
   *
   * @throws IOException if it is missing or not JSON (the message names the file).
   */
  public static JsonNode json(SparkSession spark, String output, String name)
      throws IOException {
    String text = text(spark, output, name);
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IOException(path(output, name) + " is not JSON: " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} to {@code output/name} (replacing it) and returns the path. */
  public static String write(SparkSession spark, String output, String name, String text)
      throws IOException {
    Path p = new Path(output, name);
    FileSystem fs = p.getFileSystem(conf(spark));
    try (OutputStream out = fs.create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return fs.makeQualified(p).toString();
  }

  private static Configuration conf(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  /**
   * The fields of an object flattened to dotted keys (nested objects: {@code a.b}), arrays of
   * numbers kept as one text cell.
   */
  public static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        flatten(key, e.getValue(), out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  /** Key/value rows of an object's fields but {@code excluded} ones, flattened. */
  public static List<List<Object>> scalars(JsonNode node, String... excluded) {
    Set<String> skip = Set.of(excluded);
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip.contains(e.getKey())) {
        continue;
      }
      if (e.getValue().isObject()) {
        flatten(e.getKey(), e.getValue(), flat);
      } else {
        flat.put(e.getKey(), e.getValue());
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : flat.entrySet()) {
      rows.add(Arrays.asList(e.getKey(), cell(e.getValue())));
    }
    return rows;
  }

  /** A table cell for a JSON value: integers as Long, other numbers as Double, else text. */
  public static Object cell(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      return v.asText();
    }
    return v.toString();
  }
}
