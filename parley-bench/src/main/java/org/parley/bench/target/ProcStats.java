package org.parley.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from /proc (Linux). */
public final class ProcStats {

    /** Clock ticks per second of /proc/[pid]/stat times; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** User plus system CPU seconds the process has used so far. */
    public static double cpuSeconds(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds used so far by the process's JIT compiler threads (HotSpot names them "C1 CompilerThread0",
     * "C2 CompilerThread0", ...; the kernel keeps the first 15 characters). 0 for a process without them.
     */
    public static double compilerCpuSeconds(long pid) {
        double sum = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String stat = readOrEmpty(task.resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open >= 0 && close > open && stat.substring(open + 1, close).contains("CompilerThre")) {
                    sum += ticks(stat);
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return sum / TICKS_PER_SECOND;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    /** utime + stime of a /proc stat line; the command name may hold spaces, so fields count after its ')'. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident set size in KB (VmRSS). */
    public static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return -1;
    }

    public static long self() {
        return ProcessHandle.current().pid();
    }
}
