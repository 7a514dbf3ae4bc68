package io.siocluster.spring.internal;

import io.siocluster.spring.SioClusterConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused {@code sio.cluster.*} property as the one line that explains a failed start. */
public final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SioClusterConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SioClusterConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct " + cause.property() + " (see the sio-cluster README for"
                + " the properties and their defaults).", cause);
    }
}
