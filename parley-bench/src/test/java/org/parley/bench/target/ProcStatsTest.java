package org.parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void countsTheCompilerThreadsOfAJvmAndNothingForAProcessWithout() throws Exception {
        // This JVM has compiled its way through Maven's test launcher by now; `sleep` has no compiler thread.
        assertThat(ProcStats.compilerCpuSeconds(ProcStats.self())).isPositive();
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcStats.compilerCpuSeconds(sleep.pid())).isZero();
        } finally {
            sleep.destroy();
            sleep.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsGoneHasNoFigure() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor(5, TimeUnit.SECONDS);
        assertThat(ProcStats.compilerCpuSeconds(done.pid())).isNaN();
    }
}
