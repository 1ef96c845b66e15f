package dev.concurrency.playground.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A second process for {@link H2FileStoreTest}: opens the H2 database at the URL it is given and says how
 * many experiments it holds (exit 0), or why it could not open it (exit 2, with H2's error code).
 */
public final class H2FileOpener {

    private H2FileOpener() {
    }

    public static void main(String[] args) {
        try (Connection connection = DriverManager.getConnection(args[0]);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM experiment")) {
            count.next();
            System.out.println("opened; experiments: " + count.getInt(1));
            System.exit(0);
        } catch (SQLException e) {
            System.out.println("refused; error " + e.getErrorCode() + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
