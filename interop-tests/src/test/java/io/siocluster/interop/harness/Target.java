package io.siocluster.interop.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which sockets a Node-side operation targets, as {@code io.of(nsp).to(...).except(...)} says it. */
public record Target(String nsp, List<String> to, List<String> except) {

    public Target {
        to = List.copyOf(to);
        except = List.copyOf(except);
    }

    /** Every socket of the default namespace. */
    public static Target all() {
        return new Target("/", List.of(), List.of());
    }

    public static Target to(String... rooms) {
        return all().andTo(rooms);
    }

    public static Target except(String... rooms) {
        return all().andExcept(rooms);
    }

    public Target andTo(String... rooms) {
        List<String> more = new ArrayList<>(to);
        more.addAll(List.of(rooms));
        return new Target(nsp, more, except);
    }

    public Target andExcept(String... rooms) {
        List<String> more = new ArrayList<>(except);
        more.addAll(List.of(rooms));
        return new Target(nsp, to, more);
    }

    public Target in(String namespace) {
        return new Target(namespace, to, except);
    }

    Map<String, Object> args() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("nsp", nsp);
        args.put("to", to);
        args.put("except", except);
        return args;
    }
}
