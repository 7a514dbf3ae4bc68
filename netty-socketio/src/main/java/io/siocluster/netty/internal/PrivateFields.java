package io.siocluster.netty.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Read access to a field netty-socketio keeps to itself, for the few places the binding needs one (each says what it
 * does without it, and a test fails if an upgrade renames the field).
 */
final class PrivateFields {

    private PrivateFields() {
    }

    static VarHandle handle(Class<?> owner, String field, Class<?> type) throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, field, type);
    }
}
