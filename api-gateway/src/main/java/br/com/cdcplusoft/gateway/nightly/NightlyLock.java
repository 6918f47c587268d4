package br.com.cdcplusoft.gateway.nightly;

import java.time.ZonedDateTime;

/** Decides which replica runs a nightly slot: exactly one of them, whichever asks first. */
interface NightlyLock {

    /**
     * @param slot the nominal fire time every replica computes from the same cron
     * @return true for the one replica that must run this slot
     * @throws Exception when the decision cannot be made (then nobody should run it from this replica)
     */
    boolean acquire(ZonedDateTime slot) throws Exception;
}
