package io.siocluster.spring;

import io.siocluster.netty.SocketIOCluster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sioCluster} health indicator, when the application has Spring Boot's health support (Actuator).
 * Switch it off with {@code management.health.siocluster.enabled=false}.
 */
@AutoConfiguration(after = SioClusterAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SocketIOCluster.class)
@ConditionalOnEnabledHealthIndicator("siocluster")
public class SioClusterHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SioClusterHealthIndicator sioClusterHealthIndicator(SocketIOCluster cluster) {
        return new SioClusterHealthIndicator(cluster);
    }
}
