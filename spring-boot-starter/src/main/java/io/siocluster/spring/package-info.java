/**
 * Spring Boot auto-configuration: clusters the application's netty-socketio server from {@code sio.cluster.*}
 * properties ({@link io.siocluster.spring.SioClusterProperties}), with metrics and an Actuator health indicator.
 */
@NullMarked
package io.siocluster.spring;

import org.jspecify.annotations.NullMarked;
