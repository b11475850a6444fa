package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.bench.scenario.DialogScenario;
import org.parley.bench.scenario.IdleScenario;
import org.parley.bench.scenario.Result;
import org.parley.bench.scenario.RoomScenario;
import org.parley.bench.scenario.Scenario;
import org.parley.bench.scenario.Settings;
import org.parley.bench.scenario.StormScenario;
import org.parley.bench.target.NodeTarget;
import org.parley.bench.target.ParleyTarget;
import org.parley.bench.target.Target;
import org.parley.bench.ws.WsLoop;

/**
 * The load generator: starts each server in turn (pinned to CPU 0 by {@code taskset}), runs the chosen
 * scenarios against it from this process (pinned to CPU 1 by bench/run.sh) and prints one table.
 * Options: {@code --name=value}; see {@link #usage()}.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        var settings = new Settings(
                Double.parseDouble(o.getOrDefault("warmup", "20")),
                Double.parseDouble(o.getOrDefault("warmup-max", "90")),
                Double.parseDouble(o.getOrDefault("seconds", "10")),
                Integer.parseInt(o.getOrDefault("connect-window", "500")),
                Integer.parseInt(o.getOrDefault("message-size", "70")),
                o.containsKey("profile") ? Path.of(o.get("profile")) : null,
                Boolean.parseBoolean(o.getOrDefault("realtime", "false")));
        List<Scenario> scenarios = scenarios(
                o.getOrDefault(
                        "scenarios",
                        "idle-1k,idle-10k,room-100-max,room-1000-rate,room-1000-max,dialog-rate,dialog-max,storm-10k"),
                settings,
                o);
        int accounts = scenarios.stream().mapToInt(Scenario::users).max().orElse(0) + 10;
        if (settings.profileDir() != null) {
            Files.createDirectories(settings.profileDir());
        }
        Path work = Path.of(o.getOrDefault("work", "/tmp/parley-bench/" + System.currentTimeMillis()));
        Files.createDirectories(work);
        List<String> jvm = new ArrayList<>(
                List.of(o.getOrDefault("jvm", "-Xmx1g -XX:+UseSerialGC").split(" +")));
        List<String> app = o.containsKey("app") ? List.of(o.get("app").split(" +")) : List.of();
        Path peers = Path.of(o.getOrDefault("peers", "../shared/bench-peers"));
        Path nodeModules = Path.of(o.getOrDefault("node-modules", "/tmp/peers-node/node_modules"));
        Path jar = Path.of(o.getOrDefault("jar", "parley-server/target/parley-server.jar"));
        List<Result> results = new ArrayList<>();
        List<String> startups = new ArrayList<>();
        try (var loop = new WsLoop(Integer.parseInt(o.getOrDefault("source-addresses", "32")))) {
            for (String name : o.getOrDefault("targets", "bare,socketio,parley-h2,parley-pg")
                    .split(",")) {
                Target target = switch (name) {
                    case "bare" -> NodeTarget.bare(peers, nodeModules, 3001, work);
                    case "socketio" -> NodeTarget.socketIo(peers, nodeModules, 3000, work);
                    case "parley-h2" -> new ParleyTarget("h2", jar, 8097, 9097, work, jvm, app, accounts);
                    case "parley-pg" -> new ParleyTarget("pg", jar, 8098, 9098, work, jvm, app, accounts);
                    case "parley-h2-servlet" -> new ParleyTarget("h2", jar, 8097, null, work, jvm, app, accounts);
                    case "parley-pg-servlet" -> new ParleyTarget("pg", jar, 8098, null, work, jvm, app, accounts);
                    default -> throw new IllegalArgumentException("unknown target " + name);
                };
                try (target) {
                    System.out.println("== " + name + ": starting");
                    target.start();
                    startups.add(String.format("%s %.2f s", name, target.startupSeconds()));
                    for (Scenario scenario : scenarios) {
                        if (!scenario.supports(target)) {
                            continue;
                        }
                        System.out.println("== " + name + ": " + scenario.name());
                        try {
                            Result r = scenario.run(target, loop);
                            results.add(r);
                            System.out.println(Table.render(List.of(r))
                                    .lines()
                                    .skip(2)
                                    .findFirst()
                                    .orElse(""));
                        } catch (Exception e) {
                            System.err.println("== " + name + ": " + scenario.name() + " failed: " + e.getMessage());
                            var failed = new Result(scenario.name(), name);
                            failed.note = "FAILED: " + e.getMessage();
                            results.add(failed);
                        }
                        Thread.sleep(1000);
                    }
                }
            }
        }
        results.sort((a, b) -> {
            int byScenario = Integer.compare(indexOf(scenarios, a.scenario), indexOf(scenarios, b.scenario));
            return byScenario;
        });
        String table = Table.render(results);
        System.out.println();
        System.out.println("Start-up to first page (or first accepted connection): " + String.join(", ", startups));
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("results.md"), table);
        System.out.println("(also in " + work.resolve("results.md") + "; server logs in " + work + ")");
    }

    private static int indexOf(List<Scenario> scenarios, String name) {
        for (int i = 0; i < scenarios.size(); i++) {
            if (scenarios.get(i).name().equals(name)) {
                return i;
            }
        }
        return scenarios.size();
    }

    static List<Scenario> scenarios(String names, Settings s, Map<String, String> o) {
        int pairs = Integer.parseInt(o.getOrDefault("dialog-pairs", "100"));
        double rate = Double.parseDouble(o.getOrDefault("dialog-rate", "100"));
        double hold = Double.parseDouble(o.getOrDefault("idle-hold", "5"));
        List<Scenario> list = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.startsWith("idle-")) {
                list.add(new IdleScenario(name, s, count(name.substring(5)), hold));
            } else if (name.startsWith("storm-")) {
                list.add(new StormScenario(name, s, count(name.substring(6))));
            } else if (name.matches("room-\\d+k?-(rate|max)")) {
                String[] parts = name.split("-");
                list.add(new RoomScenario(
                        name,
                        s,
                        count(parts[1]),
                        Integer.parseInt(o.getOrDefault("room-senders", "10")),
                        parts[2].equals("rate") ? Double.parseDouble(o.getOrDefault("room-rate", "4000")) : 0,
                        Integer.parseInt(o.getOrDefault("room-inflight", "1"))));
            } else if (name.equals("dialog-rate")) {
                list.add(new DialogScenario(name, s, pairs, rate, 1));
            } else if (name.equals("dialog-max")) {
                list.add(new DialogScenario(name, s, pairs, 0, 1));
            } else {
                throw new IllegalArgumentException("unknown scenario " + name + "\n" + usage());
            }
        }
        return list;
    }

    /** "1k" = 1000, "10k" = 10000, "500" = 500. */
    static int count(String text) {
        return text.endsWith("k")
                ? Integer.parseInt(text.substring(0, text.length() - 1)) * 1000
                : Integer.parseInt(text);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage());
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return options;
    }

    static String usage() {
        return String.join(
                "\n",
                Arrays.asList(
                        "bench/run.sh [--option=value ...]",
                        "  --targets=bare,socketio,parley-h2,parley-pg   servers, run one after the other; parley-h2 and",
                        "      parley-pg open their sockets on the chat port (Netty), parley-h2-servlet and",
                        "      parley-pg-servlet on the servlet container's port",
                        "  --scenarios=idle-1k,idle-10k,room-100-max,room-1000-rate,room-1000-max,dialog-rate,dialog-max,storm-10k",
                        "      room-N-rate (N members, --room-senders send --room-rate deliveries/s in total),",
                        "      room-N-max (each sender keeps --room-inflight messages in flight),",
                        "      idle-N (N sockets), dialog-rate (pairs at --dialog-rate msg/s in total),",
                        "      dialog-max (one message in flight per sender), storm-N (N clients reconnect at once)",
                        "  --warmup=20 --seconds=10       warm-up (the fixed rates: flat out, then at the rate) and measured window",
                        "  --warmup-max=90                a warm-up goes on past --warmup while the server's JIT compiles",
                        "  --dialog-pairs=100 --dialog-rate=100 --idle-hold=5 --message-size=70",
                        "  --room-senders=10 --room-rate=4000 --room-inflight=1",
                        "  --connect-window=500           most handshakes in progress at once",
                        "  --source-addresses=32          loopback addresses (127.0.0.2 and up) the sockets come from",
                        "  --profile=DIR                  JFR recording of each measured window (Parley) into DIR",
                        "  --realtime=true                real-time priority (chrt -r) while measuring, on a busy machine",
                        "  --jvm='-Xmx1g -XX:+UseSerialGC'  JVM options of the Parley server",
                        "  --app='--some.property=value'  extra Parley server arguments",
                        "  --jar=parley-server/target/parley-server.jar --peers=../shared/bench-peers",
                        "  --node-modules=/tmp/peers-node/node_modules --work=/tmp/parley-bench/<time>"));
    }
}
