package dev.iterdiff.spark.hyperopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iterdiff.bilevel.LocalEvaluator;
import dev.iterdiff.bilevel.OuterLoop;
import dev.iterdiff.bilevel.OuterState;
import dev.iterdiff.bilevel.OuterStep;
import dev.iterdiff.spark.SharedSparkSession;
import dev.iterdiff.spark.config.HyperoptConfig;
import dev.iterdiff.spark.config.HyperoptSettings;
import java.io.File;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The job's whole trajectory — θ, outer loss, hypergradient norm, step, acceptance and inner
 * work of every outer step — equals, bit for bit, the one the same outer loop reaches with the
 * folds evaluated in this process ({@link LocalEvaluator}), on the user's command of issue 16
 * §4 (breast cancer, logistic, conf/hyperopt-example.conf). Whatever the evaluation on Spark
 * changes in how θ, warm starts and results travel (closures, caches, checkpoint files), the
 * numbers may not move.
 */
class HyperoptTrajectoryEqualityTest {

  @Test
  void theJobsTrajectoryIsTheInProcessLoopsToTheLastBit() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    String out = HyperoptJobTest.fresh("equality-breast-cancer");
    HyperoptSettings s = HyperoptConfig.load(new File("conf/hyperopt-example.conf"),
        List.of("data=[\"data-samples/breast-cancer.libsvm\"]", "problem=logistic",
            "outer-loss=logistic"), new File(out).getAbsolutePath());
    // GIVEN the job's run (folds on the executors, checkpoint after every step)
    HyperoptJob.Result job = HyperoptJob.run(spark, s, false, Integer.MAX_VALUE);
    assertTrue(job.finished());
    // AND the same loop over the same folds, evaluated in this process
    HyperoptJob.Split sp = HyperoptJob.split(s, HyperoptData.read(s.data().get(0),
        spark.sparkContext().hadoopConfiguration()));
    LocalEvaluator local = s.inner().local(sp.cv(), sp.folds());
    OuterLoop loop = new OuterLoop(s.outer());
    OuterState inProcess = loop.run(local, loop.initialState(HyperoptJob.theta0(s.theta0(),
        s.inner().thetaDim(sp.cv()), s.inner().kind().spelling()), s.fingerprint()),
        st -> { }, Integer.MAX_VALUE);
    // THEN every step is the same to the last bit (seconds aside)
    List<OuterStep> a = inProcess.history();
    List<OuterStep> b = job.state().history();
    assertTrue(a.size() > 10, "a real tuning: " + a.size() + " steps");
    assertEquals(a.size(), b.size(), "outer steps");
    for (int k = 0; k < a.size(); k++) {
      OuterStep x = a.get(k);
      OuterStep y = b.get(k);
      String at = "step " + k;
      assertEquals(x.theta().length, y.theta().length, at);
      for (int j = 0; j < x.theta().length; j++) {
        assertEquals(bits(x.theta()[j]), bits(y.theta()[j]), at + ", theta " + j);
      }
      assertEquals(bits(x.value()), bits(y.value()), at + ", value");
      assertEquals(bits(x.gradientNorm()), bits(y.gradientNorm()), at + ", gradient norm");
      assertEquals(bits(x.stepSize()), bits(y.stepSize()), at + ", step size");
      assertEquals(bits(x.innerTolerance()), bits(y.innerTolerance()), at + ", tolerance");
      assertEquals(bits(x.misclassification()), bits(y.misclassification()), at);
      assertEquals(x.accepted(), y.accepted(), at + ", accepted");
      assertEquals(x.innerIterations(), y.innerIterations(), at + ", inner iterations");
      assertEquals(x.solves(), y.solves(), at + ", solves");
    }
    assertEquals(inProcess.stopReason(), job.state().stopReason());
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }
}
