package io.siocluster.spring;

import com.corundumstudio.socketio.Configuration;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.testsupport.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The application a Spring user writes: a netty-socketio Configuration bean and a DataSource bean, nothing else. */
final class TestApps {

    private TestApps() {
    }

    /** A netty-socketio server on a port of its own. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SocketIoApp {

        @Bean
        Configuration socketIoConfiguration(Environment environment) {
            Configuration config = new Configuration();
            config.setHostname("127.0.0.1");
            config.setPort(environment.getRequiredProperty("test.port", Integer.class));
            config.setRandomSession(true);
            config.setBossThreads(1);
            config.setWorkerThreads(1);
            return config;
        }
    }

    /** The same, with the application's DataSource on the test database. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class SocketIoAppWithDataSource extends SocketIoApp {

        @Bean
        DataSource dataSource(Environment environment) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(environment.getRequiredProperty("test.jdbc-url"));
            pool.setUsername(environment.getProperty("test.jdbc-user"));
            pool.setPassword(environment.getProperty("test.jdbc-password"));
            pool.setMaximumPoolSize(3);
            return pool;
        }
    }

    /** Starts an application on {@code db} with these extra properties ({@code key=value}). */
    static ConfigurableApplicationContext run(Class<?> app, PostgresDatabase db, int port, String... properties) {
        List<String> all = new ArrayList<>(List.of("test.port=" + port, "test.jdbc-url=" + db.jdbcUrl()));
        db.user().ifPresent(user -> all.add("test.jdbc-user=" + user));
        db.password().ifPresent(password -> all.add("test.jdbc-password=" + password));
        all.addAll(List.of(properties));
        SpringApplication application = new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).build();
        return application.run();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
