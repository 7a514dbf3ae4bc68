package io.siocluster.interop.harness;

/** A Node script answered a command with an error (the script itself still runs). */
public final class NodeCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeCommandException(String message) {
        super(message);
    }
}
