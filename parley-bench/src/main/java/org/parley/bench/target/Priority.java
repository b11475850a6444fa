package org.parley.bench.target;

/**
 * Round-robin real-time scheduling for the measured windows only ({@code chrt -r}, every thread), so that
 * other work on a shared machine cannot add its run-queue waits to the figures. The kernel still leaves
 * others 5% of each CPU (sched_rt_runtime_us), and the setup phases run at normal priority. Off unless
 * {@code --realtime=true}.
 */
public final class Priority {

    private Priority() {}

    public static void boost(long... pids) {
        shortTimeSlices();
        for (long pid : pids) {
            chrt("-r", "-a", "-p", "1", String.valueOf(pid));
        }
    }

    public static void restore(long... pids) {
        for (long pid : pids) {
            chrt("-o", "-a", "-p", "0", String.valueOf(pid));
        }
    }

    /**
     * Round-robin tasks take turns every 100 ms by default: far too coarse when the server, its database and
     * the load generator share two CPUs. 2 ms, where the kernel lets us (it only affects round-robin tasks).
     */
    private static void shortTimeSlices() {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/sys/kernel/sched_rr_timeslice_ms"), "2");
        } catch (java.io.IOException | RuntimeException e) {
            // Not allowed here: the default slices then.
        }
    }

    private static void chrt(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "chrt";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (Exception e) {
            System.err.println("chrt failed: " + e);
        }
    }
}
