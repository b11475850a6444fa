package org.parley.bench;

import java.util.List;
import java.util.Locale;
import org.parley.bench.scenario.Result;

/** Prints the results as one Markdown table, each figure with its ratio to the bare relay's. */
final class Table {

    private Table() {}

    static String render(List<Result> results) {
        var out = new StringBuilder();
        out.append("| scenario | server | msg/s | deliveries/s | p50 ms | p95 ms | p99 ms | lost | dup"
                + " | CPU-s per 1M deliveries | RSS MB | KB per idle conn | open/recover s | server CPU | load-gen CPU"
                + " | limit | note |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Result bare = results.stream()
                    .filter(b -> b.target.equals("bare") && b.scenario.equals(r.scenario))
                    .findFirst()
                    .orElse(null);
            out.append("| ").append(r.scenario).append(" | ").append(r.target);
            cell(out, r.messagesPerSecond, bare == null ? Double.NaN : bare.messagesPerSecond, r, bare);
            cell(out, r.deliveriesPerSecond, bare == null ? Double.NaN : bare.deliveriesPerSecond, r, bare);
            cell(out, r.p50Millis, bare == null ? Double.NaN : bare.p50Millis, r, bare);
            cell(out, r.p95Millis, bare == null ? Double.NaN : bare.p95Millis, r, bare);
            cell(out, r.p99Millis, bare == null ? Double.NaN : bare.p99Millis, r, bare);
            out.append(" | ").append(r.lost < 0 ? "" : String.valueOf(r.lost));
            out.append(" | ").append(r.duplicated < 0 ? "" : String.valueOf(r.duplicated));
            cell(out, r.cpuPerMillion, bare == null ? Double.NaN : bare.cpuPerMillion, r, bare);
            cell(out, r.rssMb, bare == null ? Double.NaN : bare.rssMb, r, bare);
            cell(out, r.kbPerConnection, bare == null ? Double.NaN : bare.kbPerConnection, r, bare);
            cell(out, r.openSeconds, bare == null ? Double.NaN : bare.openSeconds, r, bare);
            out.append(" | ").append(percent(r.serverCpu));
            out.append(" | ").append(percent(r.generatorCpu));
            out.append(" | ").append(r.limit());
            out.append(" | ").append(r.note).append(" |\n");
        }
        return out.toString();
    }

    private static void cell(StringBuilder out, double value, double bare, Result r, Result bareRow) {
        out.append(" | ");
        if (Double.isNaN(value)) {
            return;
        }
        out.append(number(value));
        if (bareRow != null && bareRow != r && !Double.isNaN(bare) && bare > 0) {
            out.append(String.format(Locale.ROOT, " (%.2f×)", value / bare));
        }
    }

    static String number(double v) {
        if (v >= 100_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
