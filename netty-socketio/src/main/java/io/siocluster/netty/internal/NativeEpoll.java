package io.siocluster.netty.internal;

/**
 * Whether netty's native epoll transport can run here. netty-socketio depends on it only on Linux (a profile of
 * its POM), so the classes may be missing: they are looked up by name, and anything short of a working native
 * library answers false.
 */
final class NativeEpoll {

    private NativeEpoll() {
    }

    static boolean available() {
        try {
            Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll", true, NativeEpoll.class.getClassLoader());
            return (Boolean) epoll.getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
