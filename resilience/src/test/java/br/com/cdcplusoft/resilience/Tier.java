package br.com.cdcplusoft.resilience;

import java.time.Duration;

/**
 * The suite's two sizes. {@code short} runs in the default {@code mvn -B verify} (a few minutes on
 * two cores); {@code full} is {@code mvn -B verify -Presilience-full -pl resilience}.
 *
 * @param rows              rows inserted (then a share updated) while services are killed
 * @param load              time the inserts and updates are spread over
 * @param mapperKills       SIGKILLs of the mapper during the load
 * @param sinkKills         SIGKILLs of the sink during the load
 * @param brokerRestart     stop and restart the broker during a forced re-sync
 * @param abuseRequests     malformed or hostile requests sent to the gateway
 * @param deliveryTimeout   how long the receiver may take to hold every row's latest version after the load
 */
record Tier(String name, int rows, Duration load, int mapperKills, int sinkKills, boolean brokerRestart, int abuseRequests,
            Duration deliveryTimeout) {

    static Tier current() {
        String name = System.getProperty("resilience.tier", "short");
        return switch (name) {
            case "short" -> new Tier(name, Integer.getInteger("resilience.rows", 5_000), Duration.ofSeconds(30), 1, 1, false, 200,
                    Duration.ofMinutes(2));
            case "full" -> new Tier(name, Integer.getInteger("resilience.rows", 100_000), Duration.ofMinutes(4), 3, 3, true, 1_000,
                    Duration.ofMinutes(15));
            default -> throw new IllegalArgumentException("resilience.tier must be short or full, was '" + name + "'");
        };
    }
}
