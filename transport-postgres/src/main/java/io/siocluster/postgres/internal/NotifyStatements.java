package io.siocluster.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The only SQL that publishes: {@code pg_notify} with every channel and payload bound as a parameter, never
 * a NOTIFY string built from text. A batch is one statement and so one transaction; unnest
 * {@code WITH ORDINALITY ... ORDER BY} keeps the messages in queue order (PostgreSQL evaluates a volatile
 * function like pg_notify after the sort).
 */
final class NotifyStatements {

    static final String SINGLE = "SELECT pg_notify(?, ?)";
    static final String ONE_CHANNEL =
            "SELECT pg_notify(?, p) FROM unnest(?::text[]) WITH ORDINALITY AS t(p, o) ORDER BY o";
    static final String MANY_CHANNELS =
            "SELECT pg_notify(c, p) FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS t(c, p, o) ORDER BY o";

    private NotifyStatements() {
    }

    static void send(Connection connection, List<Publisher.Pending> batch) throws SQLException {
        if (batch.size() == 1) {
            Publisher.Pending only = batch.get(0);
            try (PreparedStatement statement = connection.prepareStatement(SINGLE)) {
                statement.setString(1, only.wireChannel());
                statement.setString(2, only.payload());
                statement.execute();
            }
            return;
        }
        String firstChannel = batch.get(0).wireChannel();
        boolean oneChannel = batch.stream().allMatch(p -> p.wireChannel().equals(firstChannel));
        String[] payloads = batch.stream().map(Publisher.Pending::payload).toArray(String[]::new);
        if (oneChannel) {
            try (PreparedStatement statement = connection.prepareStatement(ONE_CHANNEL)) {
                Array payloadArray = connection.createArrayOf("text", payloads);
                statement.setString(1, firstChannel);
                statement.setArray(2, payloadArray);
                statement.execute();
                payloadArray.free();
            }
            return;
        }
        String[] channels = batch.stream().map(Publisher.Pending::wireChannel).toArray(String[]::new);
        try (PreparedStatement statement = connection.prepareStatement(MANY_CHANNELS)) {
            Array channelArray = connection.createArrayOf("text", channels);
            Array payloadArray = connection.createArrayOf("text", payloads);
            statement.setArray(1, channelArray);
            statement.setArray(2, payloadArray);
            statement.execute();
            channelArray.free();
            payloadArray.free();
        }
    }
}
