package io.siocluster.spring;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.siocluster.micrometer.ClusterMetrics;
import io.siocluster.netty.ClusterStoreFactory;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spring.internal.ClusterAttacher;
import io.siocluster.spring.internal.ServerLifecycle;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Clusters the application's netty-socketio server. Needs a netty-socketio {@link Configuration} bean; uses the
 * application's {@link SocketIOServer} bean built from it, or makes one. See {@link SioClusterProperties}.
 */
@AutoConfiguration
@ConditionalOnClass(SocketIOServer.class)
@ConditionalOnBean(Configuration.class)
@ConditionalOnProperty(prefix = SioClusterProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SioClusterProperties.class)
public class SioClusterAutoConfiguration {

    /** Static: a post-processor must exist before the beans it processes, the Configuration among them. */
    @Bean
    static ClusterAttacher sioClusterAttacher(Environment environment, ObjectProvider<DataSource> dataSources) {
        return new ClusterAttacher(environment, dataSources);
    }

    @Bean
    @ConditionalOnMissingBean
    SocketIOCluster sioCluster(Configuration configuration) {
        if (configuration.getStoreFactory() instanceof ClusterStoreFactory factory) {
            return factory.cluster();
        }
        throw new SioClusterConfigurationException("netty-socketio Configuration bean",
                "its store factory is " + configuration.getStoreFactory() + ", not sio-cluster's");
    }

    /** A server for the Configuration bean when the application defines none, with Engine.IO 4 framing. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    SocketIOServer socketIOServer(Configuration configuration) {
        SocketIOServer server = new SocketIOServer(configuration);
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        return server;
    }

    @Bean
    @ConditionalOnProperty(prefix = SioClusterProperties.PREFIX, name = "manage-server", matchIfMissing = true)
    ServerLifecycle sioClusterServerLifecycle(SocketIOServer server, SocketIOCluster cluster) {
        if (server.getConfiguration().getStoreFactory() != cluster.storeFactory()) {
            throw new SioClusterConfigurationException("SocketIOServer bean", "it was not built from the netty-socketio"
                    + " Configuration bean, so it is not clustered: build it with new SocketIOServer(configuration)"
                    + " from the Configuration bean");
        }
        return new ServerLifecycle(server, cluster);
    }

    /** Registered with the context's MeterRegistry by Spring Boot's metrics support, when the application has it. */
    @Bean
    MeterBinder sioClusterMetrics(SocketIOCluster cluster) {
        return new ClusterMetrics(cluster::node);
    }
}
