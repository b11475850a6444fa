package org.parley.bench.scenario;

/** One row of the table: what one scenario measured on one server. NaN or -1 where it does not apply. */
public final class Result {

    public final String scenario;
    public final String target;
    public double messagesPerSecond = Double.NaN;
    public double deliveriesPerSecond = Double.NaN;
    public double p50Millis = Double.NaN;
    public double p95Millis = Double.NaN;
    public double p99Millis = Double.NaN;
    public long lost = -1;
    public long duplicated = -1;
    /** Server CPU seconds per million deliveries in the measured window. */
    public double cpuPerMillion = Double.NaN;

    public double rssMb = Double.NaN;
    public double kbPerConnection = Double.NaN;
    /** Seconds to open (and, for the storm, recover) every connection. */
    public double openSeconds = Double.NaN;
    /** Share of one CPU the server and the load generator used in the window (1.0 = saturated). */
    public double serverCpu = Double.NaN;

    public double generatorCpu = Double.NaN;
    public String note = "";

    public Result(String scenario, String target) {
        this.scenario = scenario;
        this.target = target;
    }

    /** What most likely bounded the figure, from the CPU shares. */
    public String limit() {
        if (Double.isNaN(serverCpu)) {
            return "";
        }
        if (serverCpu > 0.9) {
            return "server CPU";
        }
        if (generatorCpu > 0.9) {
            return "load-gen CPU";
        }
        return "latency/IO";
    }
}
