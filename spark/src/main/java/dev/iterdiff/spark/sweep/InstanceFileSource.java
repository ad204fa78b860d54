package dev.iterdiff.spark.sweep;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;

import dev.iterdiff.spark.config.InstanceFileReader;
import dev.iterdiff.spark.config.JobConfigException;
import dev.iterdiff.spark.config.SweepConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A sweep's instance file (JSON lines, CSV or Parquet; one file or a directory of them) read
 * as a Spark data source: Spark's text or Parquet reader splits it, the executors parse it, and
 * the driver never holds its rows. Two passes over the file:
 *
 * <ol>
 *   <li>{@link #scan}: a small job counts, per input split ({@code _metadata.file_path},
 *       {@code _metadata.file_block_start}), its lines and the instances each data set gets
 *       from them, and finds the first row naming an unknown data set. The driver receives one
 *       record per split (not per row), orders the splits by (file, start) and gives each its
 *       first line number and its first instance id per data set — so ids and θ are exactly
 *       those of the driver-side reader ({@link InstanceSpace} over
 *       {@link InstanceFileReader}'s rows): data set by data set, rows in file order.</li>
 *   <li>{@link #instances}: each task parses its split's lines with their file and line
 *       number and yields the instances; they are then spread over the job's partitions
 *       (round robin: the rows do not depend on the partitioning).</li>
 * </ol>
 *
 * A line that cannot be read (malformed JSON, a non-number, NaN, a wrong field count) is not a
 * failed job but an instance whose rows fail ({@code invalid-input}) with the message naming
 * the file and line, for every data set it would have gone to (all of them when its
 * {@code data} cannot be read). What the job cannot run at all stops it before the rows job,
 * naming the key: a missing file, a wrong Parquet schema, a CSV header without θ columns, a row
 * naming an unknown data set, a file without instances. For a problem that reads its own data
 * ({@code qp}) every line is one problem as one JSON object, parsed by the task that runs it.
 */
public final class InstanceFileSource implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String FILE = "__iterdiff_file";
  private static final String START = "__iterdiff_start";
  private static final String KEY = "sweep.theta.file";

  /**
   * One input split as the counting pass sees it.
   *
   * @param file      its file (Spark's path).
   * @param start     its first byte in the file.
   * @param lines     its lines (rows), blank and comment lines included.
   * @param instances per data set, the instances its lines give (own data: one entry).
   * @param unknown   the first data set name it names that the config lacks, or null.
   * @param unknownAt that row's index within the split.
   */
  record Block(String file, long start, long lines, long[] instances, String unknown,
      long unknownAt) implements Serializable {}

  /**
   * Where a split starts.
   *
   * @param line its first line's number in its file, minus one.
   * @param ids  per data set, the id of its first instance there.
   */
  record Offsets(long line, long[] ids) implements Serializable {}

  private final String path;
  private final String format;
  private final boolean ownData;
  private final List<String> dataNames;
  private final Map<String, String> display;
  private final Map<String, String[]> headers;
  private Map<String, Offsets> offsets = Map.of();
  private long size;

  private InstanceFileSource(String path, String format, boolean ownData,
      List<String> dataNames, Map<String, String> display, Map<String, String[]> headers) {
    this.path = path;
    this.format = format;
    this.ownData = ownData;
    this.dataNames = List.copyOf(dataNames);
    this.display = display;
    this.headers = headers;
  }

  /**
   * Checks the file, runs the counting pass and plans the ids.
   *
   * @param data the sweep's data sets, in config order (none for a problem that reads its
   *             own data).
   * @throws JobConfigException naming {@code sweep.theta.file} (or {@code .format}): no such
   *         file, a wrong Parquet schema or CSV header, a row naming an unknown data set, no
   *         instances.
   */
  public static InstanceFileSource scan(SparkSession spark, SweepConfig config,
      List<SweepData> data) {
    String location = config.theta().file();
    String format = config.theta().fileFormat();
    boolean ownData = config.problem().entry().source() != null;
    if (ownData && !format.equals("jsonl")) {
      throw new JobConfigException("sweep.theta.format", "problem " + config.problem().name()
          + " reads one problem per line of a JSON-lines file, not " + format);
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> files = files(location, hadoop);
    Map<String, String> display = new HashMap<>();
    Map<String, String[]> headers = new HashMap<>();
    boolean single = !isDirectory(location, hadoop);
    for (FileStatus f : files) {
      String name = f.getPath().toUri().getPath();
      String shown = single ? location : f.getPath().toString();
      display.put(name, shown);
      if (format.equals("csv")) {
        headers.put(name, csvHeader(f.getPath(), shown, hadoop));
      }
    }
    List<String> names = new ArrayList<>();
    for (SweepData d : data) {
      names.add(d.name());
    }
    InstanceFileSource src = new InstanceFileSource(location, format, ownData, names, display,
        headers);
    List<Block> blocks = src.read(spark).javaRDD().mapPartitions(src.new Counter()).collect();
    src.plan(blocks);
    return src;
  }

  /** The instance count. */
  public long size() {
    return size;
  }

  /**
   * The instances, generated by the tasks from the file's splits, spread round robin over
   * {@code partitions} partitions.
   */
  public JavaRDD<SweepInstance> instances(SparkSession spark, int partitions) {
    Broadcast<InstanceFileSource> me = org.apache.spark.api.java.JavaSparkContext
        .fromSparkContext(spark.sparkContext()).broadcast(this);
    return read(spark).javaRDD().mapPartitions(new Generator(me)).repartition(partitions);
  }

  /** The file as rows of (value…, file, split start): text lines, or Parquet (data, theta). */
  private Dataset<Row> read(SparkSession spark) {
    Dataset<Row> df;
    if (format.equals("parquet")) {
      df = spark.read().parquet(path);
      df = df.select(parquetColumns(df.schema()));
    } else {
      df = spark.read().text(path);
    }
    List<Column> cols = new ArrayList<>();
    for (String c : df.columns()) {
      cols.add(col(c));
    }
    cols.add(col("_metadata.file_path").as(FILE));
    cols.add(col("_metadata.file_block_start").as(START));
    return df.select(cols.toArray(new Column[0]));
  }

  /**
   * The Parquet file's (data, theta) as (string, array of double), its schema checked.
   *
   * @throws JobConfigException naming a column the file should not have, a missing θ, or a
   *         type that is not a number or an array of numbers.
   */
  private Column[] parquetColumns(StructType schema) {
    Column theta = null;
    Column dataCol = org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType);
    for (StructField f : schema.fields()) {
      switch (f.name()) {
        case "theta" -> {
          if (f.dataType() instanceof NumericType) {
            theta = array(col("theta").cast(DataTypes.DoubleType));
          } else if (f.dataType() instanceof ArrayType a
              && a.elementType() instanceof NumericType) {
            theta = col("theta").cast(DataTypes.createArrayType(DataTypes.DoubleType));
          } else {
            throw new JobConfigException(KEY, path + ": column theta is " + f.dataType()
                .simpleString() + " (expected a number or an array of numbers)");
          }
        }
        case "data" -> {
          if (f.dataType() != DataTypes.StringType) {
            throw new JobConfigException(KEY, path + ": column data is " + f.dataType()
                .simpleString() + " (expected a string)");
          }
          dataCol = col("data");
        }
        default -> throw new JobConfigException(KEY, path + ": unknown column '" + f.name()
            + "' (known: data, theta)");
      }
    }
    if (theta == null) {
      throw new JobConfigException(KEY, path + ": no column theta (columns: "
          + Arrays.toString(schema.fieldNames()) + ")");
    }
    return new Column[] {dataCol.as("data"), theta.as("theta")};
  }

  /** Orders the splits, numbers their lines and ids. */
  private void plan(List<Block> blocks) {
    List<Block> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparing(Block::file).thenComparingLong(Block::start));
    int k = ownData ? 1 : dataNames.size();
    long[] total = new long[k];
    for (Block b : sorted) {
      for (int d = 0; d < k; d++) {
        total[d] += b.instances()[d];
      }
    }
    long[] next = new long[k];
    long first = 0;
    for (int d = 0; d < k; d++) {
      next[d] = first;
      first += total[d];
    }
    Map<String, Offsets> out = new HashMap<>();
    String file = null;
    long line = 0;
    String unknown = null;
    for (Block b : sorted) {
      if (!b.file().equals(file)) {
        file = b.file();
        line = 0;
      }
      out.put(key(b.file(), b.start()), new Offsets(line, next.clone()));
      if (b.unknown() != null && unknown == null) {
        unknown = shown(b.file()) + ":" + (line + b.unknownAt() + 1) + ": unknown data set '"
            + b.unknown() + "'";
      }
      line += b.lines();
      for (int d = 0; d < k; d++) {
        next[d] += b.instances()[d];
      }
    }
    if (unknown != null) {
      throw new JobConfigException(KEY, unknown);
    }
    if (first == 0) {
      throw new JobConfigException(KEY, path + ": no instances in the file");
    }
    this.offsets = out;
    this.size = first;
  }

  private static String key(String file, long start) {
    return file + "@" + start;
  }

  private String shown(String file) {
    String path = new Path(file).toUri().getPath();
    return display.getOrDefault(path, file);
  }

  /** The data files under {@code location}, as Spark lists them (no _ or . names). */
  private static List<FileStatus> files(String location, Configuration hadoop) {
    Path p = new Path(location);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        throw new JobConfigException(KEY, "no such file: " + location);
      }
      List<FileStatus> out = new ArrayList<>();
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus f : fs.listStatus(p)) {
          String n = f.getPath().getName();
          if (f.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
            out.add(f);
          }
        }
        if (out.isEmpty()) {
          throw new JobConfigException(KEY, location + ": a directory without data files");
        }
      } else {
        out.add(fs.getFileStatus(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + location + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean isDirectory(String location, Configuration hadoop) {
    Path p = new Path(location);
    try {
      return p.getFileSystem(hadoop).getFileStatus(p).isDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + location + ": " + e.getMessage(),
          e);
    }
  }

  /** A CSV file's header: its first line that is neither blank nor a comment. */
  private static String[] csvHeader(Path file, String shown, Configuration hadoop) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        file.getFileSystem(hadoop).open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!InstanceFileReader.skipped(line)) {
          String[] header = InstanceFileReader.csvHeader(line);
          if (Arrays.stream(header).noneMatch(h -> !h.equals("data"))) {
            throw new JobConfigException(KEY, shown + ":1: the header names no theta column: "
                + line.trim());
          }
          return header;
        }
      }
      throw new JobConfigException(KEY, shown + ": no instances in the file");
    } catch (IOException e) {
      throw new UncheckedIOException(KEY + ": cannot read " + shown + ": " + e.getMessage(), e);
    }
  }

  /**
   * What one row (line) of the file is.
   *
   * @param skip  nothing (blank, comment, a CSV header).
   * @param row   the row read, or null when it could not be.
   * @param error why not (naming the file and line), or null.
   * @param text  the line (own data: the problem's JSON).
   */
  private record Parsed(boolean skip, InstanceFileReader.Row row, String error, String text) {}

  /**
   * Parses one row of a split: {@code first} says whether it is the first content row of a
   * split that starts its file (a CSV header there is skipped).
   */
  private Parsed parse(Row r, String file, int line, boolean first) {
    String shown = shown(file);
    if (format.equals("parquet")) {
      String d = r.isNullAt(0) ? null : r.getString(0);
      if (r.isNullAt(1)) {
        return new Parsed(false, new InstanceFileReader.Row(d, null, line), shown + ":" + line
            + ": theta is null", null);
      }
      List<Object> values = r.getList(1);
      double[] theta = new double[values.size()];
      for (int i = 0; i < theta.length; i++) {
        if (values.get(i) == null) {
          return new Parsed(false, new InstanceFileReader.Row(d, null, line), shown + ":" + line
              + ": theta[" + i + "] is null", null);
        }
        theta[i] = ((Number) values.get(i)).doubleValue();
      }
      try {
        return new Parsed(false, InstanceFileReader.check(
            new InstanceFileReader.Row(d, theta, line), shown), null, null);
      } catch (JobConfigException e) {
        return new Parsed(false, new InstanceFileReader.Row(d, null, line), detail(e), null);
      }
    }
    String text = r.getString(0);
    if (InstanceFileReader.skipped(text)) {
      return new Parsed(true, null, null, null);
    }
    if (ownData) {
      return new Parsed(false, null, null, text);
    }
    try {
      if (format.equals("csv")) {
        if (first) {
          return new Parsed(true, null, null, null);
        }
        String[] header = headers.get(new Path(file).toUri().getPath());
        return new Parsed(false, InstanceFileReader.csvRow(header, text, shown, line), null,
            null);
      }
      return new Parsed(false, InstanceFileReader.jsonRow(text.trim(), shown, line), null, null);
    } catch (JobConfigException e) {
      return new Parsed(false, null, detail(e), null);
    }
  }

  /** The message without its key: the file, line and what is wrong. */
  private static String detail(JobConfigException e) {
    String m = e.getMessage();
    String prefix = e.key() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /**
   * The data sets a parsed row goes to: its own, every one when it names none (or could not
   * be read), none when it names an unknown one (−1 in {@code unknown[0]}).
   */
  private int[] targets(Parsed p) {
    if (ownData) {
      return new int[] {0};
    }
    String d = p.row() == null ? null : p.row().data();
    if (d == null) {
      int[] all = new int[dataNames.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int i = dataNames.indexOf(d);
    return i < 0 ? null : new int[] {i};
  }

  /** The counting pass: one {@link Block} per split of the partition. */
  private final class Counter implements FlatMapFunction<Iterator<Row>, Block> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Block> call(Iterator<Row> rows) {
      List<Block> out = new ArrayList<>();
      String file = null;
      long start = -1;
      long lines = 0;
      long[] counts = null;
      String unknown = null;
      long unknownAt = -1;
      boolean first = true;
      int k = ownData ? 1 : dataNames.size();
      while (rows.hasNext()) {
        Row r = rows.next();
        int fi = r.fieldIndex(FILE);
        String f = r.getString(fi);
        long s = r.getLong(fi + 1);
        if (!f.equals(file) || s != start) {
          if (file != null) {
            out.add(new Block(file, start, lines, counts, unknown, unknownAt));
          }
          file = f;
          start = s;
          lines = 0;
          counts = new long[k];
          unknown = null;
          unknownAt = -1;
          first = s == 0;
        }
        Parsed p = parse(r, f, 0, first);
        if (!p.skip()) {
          first = false;
          int[] t = targets(p);
          if (t == null) {
            if (unknown == null) {
              unknown = p.row().data();
              unknownAt = lines;
            }
          } else {
            for (int d : t) {
              counts[d]++;
            }
          }
        } else if (format.equals("csv") && first && !InstanceFileReader.skipped(r.getString(0))) {
          first = false;
        }
        lines++;
      }
      if (file != null) {
        out.add(new Block(file, start, lines, counts, unknown, unknownAt));
      }
      return out.iterator();
    }
  }

  /** The generating pass: the instances of the partition's splits, with ids and lines. */
  private static final class Generator implements FlatMapFunction<Iterator<Row>,
      SweepInstance> {

    private static final long serialVersionUID = 1L;
    private final Broadcast<InstanceFileSource> source;

    Generator(Broadcast<InstanceFileSource> source) {
      this.source = source;
    }

    @Override
    public Iterator<SweepInstance> call(Iterator<Row> rows) {
      InstanceFileSource src = source.value();
      return new Iterator<>() {
        private final List<SweepInstance> pending = new ArrayList<>();
        private int at;
        private String file;
        private long start = -1;
        private long line;
        private long[] ids;
        private boolean first;

        @Override
        public boolean hasNext() {
          while (at >= pending.size()) {
            pending.clear();
            at = 0;
            if (!rows.hasNext()) {
              return false;
            }
            Row r = rows.next();
            int fi = r.fieldIndex(FILE);
            String f = r.getString(fi);
            long s = r.getLong(fi + 1);
            if (!f.equals(file) || s != start) {
              Offsets o = src.offsets.get(key(f, s));
              if (o == null) {
                throw new IllegalStateException("instance file split " + f + " at byte " + s
                    + " was not seen by the counting pass (did the file change?)");
              }
              file = f;
              start = s;
              line = o.line();
              ids = o.ids().clone();
              first = s == 0;
            }
            line++;
            Parsed p = src.parse(r, f, (int) line, first);
            if (p.skip()) {
              if (src.format.equals("csv") && first
                  && !InstanceFileReader.skipped(r.getString(0))) {
                first = false;
              }
              continue;
            }
            first = false;
            int[] t = src.targets(p);
            if (t == null) {
              continue; // refused by the plan; never reached
            }
            String origin = src.shown(f) + ":" + line;
            for (int d : t) {
              long id = ids[d]++;
              if (src.ownData) {
                pending.add(new SweepInstance(id, -1, null, 1.0, origin, p.text(), null));
              } else if (p.error() != null) {
                pending.add(new SweepInstance(id, d, null, 1.0, null, null, p.error()));
              } else {
                pending.add(new SweepInstance(id, d, p.row().theta(), 1.0));
              }
            }
          }
          return true;
        }

        @Override
        public SweepInstance next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return pending.get(at++);
        }
      };
    }
  }
}
