package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.core.port.StoreUnavailableException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits groups of rows ("submissions", one per message) to one table with COPY, idempotently.
 *
 * <pre>
 *  submissions ──sort by key──► COPY table FROM STDIN ──commit──► every row new
 *                                    │ 23505 (a row is stored already: a redelivery)
 *                                    ▼
 *              COPY temp stage ─► INSERT INTO table SELECT … ON CONFLICT (key) DO NOTHING
 *                                  RETURNING key ──commit──► new rows counted per submission
 *                                    │ 22xxx / 23xxx (a row the table refuses)
 *                                    ▼
 *              each submission alone, staged: the refused ones fail, the others commit
 * </pre>
 *
 * The direct COPY is the fast path: a batch of new rows is written at the speed of bare COPY. A
 * batch that holds a stored row (a redelivered message) fails as a whole with 23505 and is written
 * again through a staging table, which skips the stored rows; after such a batch the staged path is
 * taken first until a staged batch finds no stored row. A refusal (a device deleted meanwhile, a
 * value a column cannot hold) affects only the submissions that carry it. Anything else (connection
 * lost, server shutting down) fails the whole call with {@link StoreUnavailableException}; nothing
 * of the call is then committed except, in the isolation step, the submissions committed before.
 */
final class CopyCommit<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CopyCommit.class);

    private static final int PIECE = 64 * 1_024;

    private final DataSource dataSource;
    private final CopyTarget<T> target;
    private final String copyDirect;
    private final String createStage;
    private final String copyStage;
    private final String insertFromStage;
    private final String statementTimeout;
    private volatile boolean stageFirst;

    CopyCommit(DataSource dataSource, CopyTarget<T> target) {
        this(dataSource, target, Duration.ZERO);
    }

    /**
     * @param statementTimeout how long one statement may run (a lock held elsewhere, a stalled disk)
     *     before the server cancels it and the call fails as unavailable; zero: the server's setting
     */
    CopyCommit(DataSource dataSource, CopyTarget<T> target, Duration statementTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.statementTimeout = statementTimeout.isZero() ? null : statementTimeout.toMillis() + "ms";
        this.target = Objects.requireNonNull(target, "target");
        String table = target.table();
        String stage = "kawamori_stage_" + table;
        String columns = String.join(", ", target.columns());
        String key = String.join(", ", target.keyColumns());
        this.copyDirect = "copy " + table + " (" + columns + ") from stdin";
        this.createStage = "create temp table " + stage + " on commit drop as select " + columns + " from " + table
                + " with no data";
        this.copyStage = "copy " + stage + " (" + columns + ") from stdin";
        this.insertFromStage = "insert into " + table + " (" + columns + ") select " + columns + " from " + stage
                + " order by " + key + " on conflict (" + key + ") do nothing returning " + key;
    }

    /** What became of one submission: how many of its rows were new, or why it was refused. */
    record Outcome(int fresh, StoreRefusedException refusal) {
        static Outcome stored(int fresh) {
            return new Outcome(fresh, null);
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Commits the submissions.
     *
     * @return one outcome per submission, in their order
     * @throws StoreUnavailableException when the database cannot take them now
     */
    List<Outcome> commit(List<? extends Collection<T>> submissions) {
        List<T> rows = sortedRows(submissions);
        if (rows.isEmpty()) {
            return submissions.stream().map(s -> Outcome.stored(0)).toList();
        }
        try (Connection c = dataSource.getConnection()) {
            try {
                c.setAutoCommit(false);
                return write(c, submissions, rows);
            } catch (SQLException e) {
                Pools.discard(dataSource, c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(rows.size(), e);
        }
    }

    private List<Outcome> write(Connection c, List<? extends Collection<T>> submissions, List<T> rows)
            throws SQLException {
        try {
            if (!stageFirst) {
                try {
                    limitStatements(c);
                    copy(c, copyDirect, rows);
                    c.commit();
                    return submissions.stream()
                            .map(s -> Outcome.stored(s.size()))
                            .toList();
                } catch (SQLException e) {
                    rollback(c);
                    if (!Failures.isUniqueViolation(e)) {
                        throw e;
                    }
                    stageFirst = true;
                    LOG.debug(
                            "{} already stored in a batch of {}: writing it through the stage",
                            target.noun(),
                            rows.size());
                }
            }
            Map<Object, Integer> owners = owners(submissions);
            List<Object> inserted = staged(c, rows);
            c.commit();
            stageFirst = inserted.size() < rows.size();
            return counted(submissions, owners, inserted);
        } catch (SQLException e) {
            rollback(c);
            if (Failures.isRefusal(e)) {
                return isolate(c, submissions);
            }
            throw e;
        }
    }

    /** For the transaction that begins: {@code set local statement_timeout}. */
    private void limitStatements(Connection c) throws SQLException {
        if (statementTimeout != null) {
            try (PreparedStatement set = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                set.setString(1, statementTimeout);
                set.execute();
            }
        }
    }

    /** Each submission in its own transaction: only the refused ones fail. */
    private List<Outcome> isolate(Connection c, List<? extends Collection<T>> submissions) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(submissions.size());
        for (Collection<T> submission : submissions) {
            List<T> rows = sortedRows(List.of(submission));
            if (rows.isEmpty()) {
                outcomes.add(Outcome.stored(0));
                continue;
            }
            try {
                int fresh = staged(c, rows).size();
                c.commit();
                outcomes.add(Outcome.stored(fresh));
            } catch (SQLException e) {
                rollback(c);
                if (!Failures.isRefusal(e)) {
                    throw e;
                }
                RuntimeException refusal = Failures.ofBulkWrite("cannot store " + rows.size() + " " + target.noun(), e);
                outcomes.add(new Outcome(0, (StoreRefusedException) refusal));
            }
        }
        return outcomes;
    }

    private List<Object> staged(Connection c, List<T> rows) throws SQLException {
        limitStatements(c);
        try (Statement create = c.createStatement()) {
            create.execute(createStage);
        }
        copy(c, copyStage, rows);
        List<Object> inserted = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement(insertFromStage);
                ResultSet returned = insert.executeQuery()) {
            while (returned.next()) {
                inserted.add(target.key(returned));
            }
        }
        return inserted;
    }

    /**
     * Streams the rows to the server while they are encoded, in pieces of about {@value #PIECE}
     * characters, so that the server inserts one piece while the next is encoded.
     */
    private void copy(Connection c, String sql, List<T> rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            CopyRows out = new CopyRows(PIECE + 1_024);
            for (T row : rows) {
                target.encode(row, out);
                if (out.length() >= PIECE) {
                    byte[] piece = out.take();
                    in.writeToCopy(piece, 0, piece.length);
                }
            }
            byte[] last = out.take();
            in.writeToCopy(last, 0, last.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                cancel(in);
            }
        }
    }

    private static void cancel(CopyIn in) {
        try {
            in.cancelCopy();
        } catch (SQLException e) {
            LOG.debug("cancelling COPY failed: {}", e.toString());
        }
    }

    private List<T> sortedRows(List<? extends Collection<T>> submissions) {
        List<T> rows = new ArrayList<>();
        submissions.forEach(rows::addAll);
        rows.sort(target.keyOrder());
        return rows;
    }

    /** Which submission a key is counted for: the first that holds it. */
    private Map<Object, Integer> owners(List<? extends Collection<T>> submissions) {
        Map<Object, Integer> owners = new HashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            for (T row : submissions.get(i)) {
                owners.putIfAbsent(target.key(row), i);
            }
        }
        return owners;
    }

    private static List<Outcome> counted(
            List<? extends Collection<?>> submissions, Map<Object, Integer> owners, List<Object> inserted) {
        int[] fresh = new int[submissions.size()];
        for (Object key : inserted) {
            Integer owner = owners.get(key);
            if (owner != null) {
                fresh[owner]++;
            }
        }
        List<Outcome> outcomes = new ArrayList<>(fresh.length);
        for (int count : fresh) {
            outcomes.add(Outcome.stored(count));
        }
        return outcomes;
    }

    private StoreUnavailableException unavailable(int rows, SQLException e) {
        RuntimeException failure = Failures.ofBulkWrite("cannot store " + rows + " " + target.noun(), e);
        if (failure instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        // a refusal outside a statement (e.g. at commit of a deferred constraint) fails the call
        return new StoreUnavailableException(failure.getMessage(), failure.getCause());
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.toString());
        }
    }
}
