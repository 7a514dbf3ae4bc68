package io.siocluster.postgres.internal;

import org.slf4j.Logger;

/**
 * Logging for retry loops: the first failure of a streak at WARN, repeats at DEBUG (an outage must not
 * flood the log), and WARN again when the streak ends, so an operator sees both edges.
 */
final class FailureLog {

    private final Logger log;
    private final String what;
    private int failures;

    FailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    synchronized void failed(Throwable e) {
        failures++;
        if (failures == 1) {
            log.warn("{} failed: {} (retrying; further failures are logged at DEBUG)", what, e.toString());
            log.debug("{} failure detail", what, e);
        } else {
            log.debug("{} failed again (attempt {})", what, failures, e);
        }
    }

    /** The operation works again; logs at WARN only when it had failed. */
    synchronized void recovered(String message) {
        if (failures > 0) {
            log.warn("{} after {} failure(s)", message, failures);
        }
        failures = 0;
    }
}
