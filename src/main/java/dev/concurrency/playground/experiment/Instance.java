package dev.concurrency.playground.experiment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

/**
 * One running service process. Its id is new at every start, so a restarted process is a new instance
 * and the experiment its predecessor was running is recognisably orphaned, not resumed by mistake.
 *
 * @param id random, eight hex digits: short enough to read in a listing, and with a fleet of a few
 *     instances a collision is out of the question
 * @param hostName where it runs (a pod's name in Kubernetes)
 */
public record Instance(String id, String hostName) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostName, "hostName");
    }

    /** A new identity for this process. */
    public static Instance start() {
        return new Instance(UUID.randomUUID().toString().substring(0, 8), localHostName());
    }

    private static String localHostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
