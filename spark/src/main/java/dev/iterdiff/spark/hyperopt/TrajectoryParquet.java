package dev.iterdiff.spark.hyperopt;

import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes the outer trajectory ({@link HyperoptOutput#TRAJECTORY_SCHEMA}, θ as an MLlib
 * vector) as one Parquet file with parquet-hadoop's writer instead of a Spark SQL job: a run
 * of a few dozen rows should not pay Spark SQL's first-job start-up (query planning and code
 * generation: seconds in a fresh JVM, the largest share of the output phase before — see
 * BENCHMARKS.md, "End-to-end"). The file is what Spark writes for that schema: the Parquet
 * types of Spark's schema converter (standard 3-level lists, θ as VectorUDT's struct
 * {type, size, indices, values} of a dense vector) and Spark's schema in the footer
 * ({@value #SPARK_SCHEMA_KEY}), so {@code spark.read().parquet(dir)} gives back the same
 * schema, vector type included. The directory holds {@code part-00000.<codec>.parquet} and
 * {@code _SUCCESS}; the part file is written under a hidden name and renamed, so a reader
 * sees the whole file or none.
 */
final class TrajectoryParquet {

  /** The footer key Spark reads its own schema from. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /** VectorUDT's type byte of a dense vector. */
  private static final int DENSE = 1;

  /** The Parquet schema Spark writes for {@link HyperoptOutput#TRAJECTORY_SCHEMA}. */
  static final MessageType SCHEMA = Types.buildMessage()
      .required(PrimitiveTypeName.INT32).named("iteration")
      .requiredGroup()
          .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true))
              .named("type")
          .optional(PrimitiveTypeName.INT32).named("size")
          .optionalGroup().as(LogicalTypeAnnotation.listType())
              .repeatedGroup().required(PrimitiveTypeName.INT32).named("element").named("list")
              .named("indices")
          .optionalGroup().as(LogicalTypeAnnotation.listType())
              .repeatedGroup().required(PrimitiveTypeName.DOUBLE).named("element").named("list")
              .named("values")
          .named("theta")
      .required(PrimitiveTypeName.DOUBLE).named("value")
      .required(PrimitiveTypeName.DOUBLE).named("gradient_norm")
      .required(PrimitiveTypeName.BOOLEAN).named("accepted")
      .required(PrimitiveTypeName.DOUBLE).named("misclassification")
      .required(PrimitiveTypeName.INT64).named("inner_iterations")
      .required(PrimitiveTypeName.INT32).named("solves")
      .required(PrimitiveTypeName.DOUBLE).named("inner_tolerance")
      .required(PrimitiveTypeName.DOUBLE).named("step")
      .required(PrimitiveTypeName.DOUBLE).named("seconds")
      .named("spark_schema");

  private TrajectoryParquet() {}

  /**
   * Replaces {@code dir} by the trajectory of {@code state}.
   *
   * @param codec Spark's {@code spark.sql.parquet.compression.codec} value (snappy, gzip,
   *              zstd, lz4_raw, none, uncompressed, …).
   * @throws IllegalArgumentException naming the codec when Parquet does not know it.
   */
  static void write(String dir, OuterState state, String codec, Configuration conf)
      throws IOException {
    CompressionCodecName c = codec(codec);
    Path d = new Path(dir);
    FileSystem fs = d.getFileSystem(conf);
    fs.delete(d, true);
    String name = "part-00000" + c.getExtension() + ".parquet";
    Path tmp = new Path(d, "." + name + ".tmp");
    SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(tmp).withConf(conf)
        .withType(SCHEMA).withCompressionCodec(c)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, HyperoptOutput.TRAJECTORY_SCHEMA.json(),
            "org.apache.spark.version", org.apache.spark.package$.MODULE$.SPARK_VERSION()))
        .build()) {
      for (OuterStep s : state.history()) {
        Group g = rows.newGroup().append("iteration", s.iteration());
        Group theta = g.addGroup("theta");
        theta.append("type", DENSE);
        Group values = theta.addGroup("values");
        for (double t : s.theta()) {
          values.addGroup("list").append("element", t);
        }
        g.append("value", s.value()).append("gradient_norm", s.gradientNorm())
            .append("accepted", s.accepted()).append("misclassification", s.misclassification())
            .append("inner_iterations", s.innerIterations()).append("solves", s.solves())
            .append("inner_tolerance", s.innerTolerance()).append("step", s.stepSize())
            .append("seconds", s.seconds());
        w.write(g);
      }
    }
    if (!fs.rename(tmp, new Path(d, name))) {
      throw new IOException("trajectory: could not rename " + tmp + " to " + name);
    }
    fs.create(new Path(d, "_SUCCESS"), true).close();
  }

  /** Parquet's codec for Spark's name of it. */
  static CompressionCodecName codec(String spark) {
    String n = spark.trim().toUpperCase(Locale.ROOT);
    if (n.equals("NONE")) {
      return CompressionCodecName.UNCOMPRESSED;
    }
    try {
      return CompressionCodecName.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spark.sql.parquet.compression.codec: unknown codec '"
          + spark + "' (snappy, gzip, zstd, lz4_raw, brotli, lzo, none, uncompressed)");
    }
  }
}
