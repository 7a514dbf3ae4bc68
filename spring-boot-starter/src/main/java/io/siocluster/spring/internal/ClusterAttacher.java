package io.siocluster.spring.internal;

import com.corundumstudio.socketio.Configuration;
import io.siocluster.netty.ClusterStoreFactory;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spring.SioClusterProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Attaches the cluster to the application's netty-socketio {@link Configuration} bean as soon as it is made, before
 * any {@code SocketIOServer} copies it (a server copies its configuration when constructed, so attaching later
 * would miss it). A configuration already attached by the application is left as it is.
 */
public final class ClusterAttacher implements BeanPostProcessor {

    private final Environment environment;
    private final ObjectProvider<DataSource> dataSources;

    public ClusterAttacher(Environment environment, ObjectProvider<DataSource> dataSources) {
        this.environment = environment;
        this.dataSources = dataSources;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Configuration configuration && !(configuration.getStoreFactory() instanceof ClusterStoreFactory)) {
            // Bound here rather than injected: a post-processor is made before @ConfigurationProperties beans are.
            SioClusterProperties properties = Binder.get(environment)
                    .bindOrCreate(SioClusterProperties.PREFIX, SioClusterProperties.class);
            SocketIOCluster.attach(configuration,
                    ClusterSettings.transports(properties, dataSources.getIfAvailable()),
                    ClusterSettings.clusterOptions(properties));
        }
        return bean;
    }
}
