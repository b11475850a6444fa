package org.parley.server.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.parley.server.ParleyServerApplication;
import org.parley.server.support.ChatTestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * "Admin pages with 100,000 messages" (docs/performance.md): fills a fresh database with users, dialogs,
 * rooms, 100,000 messages and an audit log, starts the real server on it, logs in as staff over HTTP and
 * times every admin list page (median and slowest of 15 requests after 3 warm-ups), printing one table.
 * A benchmark, not a test: run it with {@code bench/admin-pages.sh [h2|postgres] [messages]}.
 */
public final class AdminPagesBenchmark {

    private static final int USERS = 1_000;
    private static final int DIALOGS = 2_000;
    private static final int ROOMS = 20;
    private static final int ROOM_MEMBERS = 100;
    private static final int AUDIT_ENTRIES = 10_000;
    private static final int DAYS = 180;
    private static final int WARM_UPS = 3;
    private static final int RUNS = 15;
    private static final String PASSWORD = "bench-password";
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
    /** Words of the generated texts; "zebra" is rare (one message in 500), the others common. */
    private static final String[] WORDS = {"hello", "meeting", "coffee", "release", "lunch", "report", "weekend"};

    private final JdbcTemplate jdbc;
    private final Random random = new Random(42);
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    private final List<Long> userIds = new ArrayList<>();
    private final List<long[]> dialogs = new ArrayList<>();
    private final List<Long> rooms = new ArrayList<>();
    private final Map<Long, List<Long>> roomMembers = new LinkedHashMap<>();

    private AdminPagesBenchmark(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String database = "parley_admin_bench_" + System.currentTimeMillis();
        String url;
        String user;
        if (db.equals("postgres")) {
            try (var admin = DriverManager.getConnection(PG_ADMIN, "postgres", "")) {
                admin.createStatement().execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage(), e);
            }
            url = "jdbc:postgresql://127.0.0.1:5432/" + database;
            user = "postgres";
        } else if (db.equals("h2")) {
            url = "jdbc:h2:mem:" + database
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
        } else {
            throw new IllegalArgumentException("Usage: AdminPagesBenchmark [h2|postgres] [messages]");
        }
        // Command-line arguments, so they win over application.properties (default properties would not).
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyServerApplication.class)
                .run(
                        "--server.port=0",
                        "--parley.websocket.chat-port.port=",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=",
                        "--logging.level.root=WARN",
                        "--parley.server.demo-data=false");
        try {
            var bench = new AdminPagesBenchmark(app.getBean(JdbcTemplate.class));
            long started = System.nanoTime();
            String staff = bench.fill(app.getBean(PasswordEncoder.class).encode(PASSWORD), messages, db);
            System.out.printf(
                    Locale.ROOT,
                    "%nFilled %s with %,d users, %,d dialogs, %,d rooms, %,d messages, %,d audit entries in %.1f s%n",
                    db,
                    USERS,
                    DIALOGS,
                    ROOMS,
                    messages,
                    AUDIT_ENTRIES,
                    (System.nanoTime() - started) / 1e9);
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            bench.time(new ChatTestClient(port).logIn(staff, PASSWORD), db, messages);
        } finally {
            app.close();
            if (db.equals("postgres")) {
                try (var admin = DriverManager.getConnection(PG_ADMIN, "postgres", "")) {
                    admin.createStatement().execute("drop database if exists " + database + " with (force)");
                }
            }
        }
    }

    /** Fills the database with plain batched inserts (the point is the pages, not the writes); returns the staff user. */
    private String fill(String passwordHash, int messages, String db) {
        List<Object[]> accounts = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            accounts.add(new Object[] {username(i), passwordHash, username(i), i == 0});
        }
        jdbc.batchUpdate(
                "insert into account (username, password_hash, display_name, staff, active) values (?, ?, ?, ?, true)",
                accounts);
        jdbc.batchUpdate(
                "insert into chat_user (username) values (?)",
                accounts.stream().map(a -> new Object[] {a[0]}).toList());
        userIds.addAll(jdbc.queryForList("select id from chat_user order by username", Long.class));

        List<Object[]> dialogRows = new ArrayList<>();
        var pairs = new java.util.HashSet<Long>();
        while (dialogRows.size() < DIALOGS) {
            long a = userIds.get(random.nextInt(USERS));
            long b = userIds.get(random.nextInt(USERS));
            if (a == b || !pairs.add(Math.min(a, b) * 1_000_000 + Math.max(a, b))) {
                continue;
            }
            OffsetDateTime created = now.minusMinutes(random.nextInt(DAYS * 24 * 60));
            dialogRows.add(new Object[] {a, b, Math.min(a, b), Math.max(a, b), created, created});
        }
        jdbc.batchUpdate(
                "insert into dialog (owner_id, opponent_id, user_low, user_high, created, modified)"
                        + " values (?, ?, ?, ?, ?, ?)",
                dialogRows);
        jdbc.query("select id, owner_id, opponent_id from dialog order by id", rs -> {
            dialogs.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        });

        for (int r = 0; r < ROOMS; r++) {
            jdbc.update(
                    "insert into room (title, slug, staff_only, created) values (?, ?, ?, ?)",
                    "Room " + r,
                    "room-" + r,
                    r % 10 == 9,
                    now.minusDays(DAYS));
        }
        rooms.addAll(jdbc.queryForList("select id from room order by id", Long.class));
        List<Object[]> members = new ArrayList<>();
        for (long room : rooms) {
            List<Long> in = new ArrayList<>();
            for (int m = 0; m < ROOM_MEMBERS; m++) {
                long member = userIds.get((int) ((room * 37 + m * 7) % USERS));
                if (!in.contains(member)) {
                    in.add(member);
                    members.add(new Object[] {room, member, now.minusDays(DAYS)});
                }
            }
            roomMembers.put(room, in);
        }
        jdbc.batchUpdate("insert into room_member (room_id, user_id, joined) values (?, ?, ?)", members);

        insertMessages(messages);
        insertAudit();
        if (db.equals("postgres")) {
            jdbc.execute("analyze");
        }
        return username(0);
    }

    /** Oldest first, so ids grow with time as they do in a real chat; 80 % in dialogs, 20 % in rooms. */
    private void insertMessages(int count) {
        long span = DAYS * 24L * 3600;
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OffsetDateTime created = now.minusSeconds(span - span * i / count);
            boolean removed = random.nextInt(50) == 0;
            String text = text(i);
            if (random.nextInt(5) > 0) {
                long[] d = dialogs.get(random.nextInt(dialogs.size()));
                long sender = random.nextBoolean() ? d[1] : d[2];
                batch.add(new Object[] {d[0], null, sender, text, random.nextBoolean(), removed, created, created});
            } else {
                long room = rooms.get(random.nextInt(rooms.size()));
                List<Long> in = roomMembers.get(room);
                long sender = in.get(random.nextInt(in.size()));
                batch.add(new Object[] {null, room, sender, text, false, removed, created, created});
            }
            if (batch.size() == 5_000) {
                flushMessages(batch);
            }
        }
        flushMessages(batch);
        // Each dialog's last activity is its newest message.
        jdbc.update("update dialog set modified = coalesce("
                + "(select max(created) from chat_message m where m.dialog_id = dialog.id), created)");
    }

    private void flushMessages(List<Object[]> batch) {
        jdbc.batchUpdate(
                "insert into chat_message (dialog_id, room_id, sender_id, text, is_read, is_removed, created, modified)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                batch);
        batch.clear();
    }

    private String text(int i) {
        String word = i % 500 == 0 ? "zebra" : WORDS[random.nextInt(WORDS.length)];
        return "Message " + i + " about the " + word + ", written for the admin benchmark.";
    }

    private void insertAudit() {
        List<Object[]> rows = new ArrayList<>();
        String[] actions = {"message.removed", "message.restored", "user.muted", "room.renamed"};
        for (int i = 0; i < AUDIT_ENTRIES; i++) {
            rows.add(new Object[] {
                userIds.get(0),
                username(0),
                actions[i % actions.length],
                "message",
                String.valueOf(i + 1),
                now.minusSeconds((long) (AUDIT_ENTRIES - i) * 60)
            });
        }
        jdbc.batchUpdate(
                "insert into admin_audit (actor_id, actor_username, action, target_type, target_id, created)"
                        + " values (?, ?, ?, ?, ?, ?)",
                rows);
    }

    private void time(ChatTestClient staff, String db, int messages) {
        long dialog = dialogs.get(dialogs.size() / 2)[0];
        long room = rooms.get(0);
        long oldMessage = jdbc.queryForObject("select min(id) from chat_message", Long.class) + 500;
        long busySender = jdbc.queryForObject(
                "select sender_id from chat_message group by sender_id order by count(*) desc limit 1", Long.class);
        String sender = username(userIds.indexOf(busySender));
        LocalDate today = now.toLocalDate();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("users, first page", "/admin/users");
        pages.put("users, search", "/admin/users?q=user-04");
        pages.put("users, last page (offset 950)", "/admin/users?page=19");
        pages.put("rooms", "/admin/rooms");
        pages.put("room with 100 members", "/admin/rooms/" + room);
        pages.put("dialogs, first page", "/admin/dialogs");
        pages.put("dialogs of one participant", "/admin/dialogs?participant=" + sender);
        pages.put(
                "dialogs started in a 30-day range",
                "/admin/dialogs?createdFrom=" + today.minusDays(90) + "&createdTo=" + today.minusDays(60));
        pages.put("dialogs, last page (offset 1,950)", "/admin/dialogs?page=39");
        pages.put("one dialog's messages", "/admin/dialogs/" + dialog);
        pages.put("messages, newest", "/admin/messages");
        pages.put("messages, oldest (keyset)", "/admin/messages?before=" + oldMessage);
        pages.put("messages of one sender", "/admin/messages?sender=" + sender);
        pages.put("messages of one dialog", "/admin/messages?dialog=" + dialog);
        pages.put("messages of one room", "/admin/messages?room=" + room);
        pages.put("removed messages", "/admin/messages?removed=yes");
        pages.put("text search, common word", "/admin/messages?q=coffee");
        pages.put("text search, rare word", "/admin/messages?q=zebra");
        pages.put(
                "messages sent in one week, 100 days ago",
                "/admin/messages?from=" + today.minusDays(107) + "&to=" + today.minusDays(100));
        pages.put("audit log", "/admin/audit");
        pages.put("audit log, one action", "/admin/audit?action=user.muted");
        pages.put("API: messages, rare word", "/api/admin/messages?q=zebra");

        System.out.printf(
                Locale.ROOT,
                "%nAdmin pages with %,d messages on %s (%d requests each after %d warm-ups; load average %s)%n%n",
                messages,
                db,
                RUNS,
                WARM_UPS,
                loadAverage());
        System.out.println("| page | median ms | slowest ms |");
        System.out.println("|---|---:|---:|");
        pages.forEach((name, path) -> {
            double[] ms = new double[RUNS];
            for (int i = 0; i < WARM_UPS + RUNS; i++) {
                long t0 = System.nanoTime();
                var response = staff.get(path);
                long t1 = System.nanoTime();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode());
                }
                if (i >= WARM_UPS) {
                    ms[i - WARM_UPS] = (t1 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, ms[RUNS / 2], ms[RUNS - 1]);
        });
        System.out.println("\nLoad average after: " + loadAverage());
    }

    /** The machine's 1-minute load average (Linux), so a reader can tell a quiet run from a busy one. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String username(int i) {
        return String.format(Locale.ROOT, "user-%04d", i);
    }
}
