package io.siocluster.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.siocluster.core.cluster.ClusterNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("core architecture")
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.core");

    @Test
    @DisplayName("core knows no transport, no netty-socketio, no database and no metrics library")
    void noTransportKnowledge() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.siocluster.postgres..", "io.siocluster.inmemory..", "io.siocluster.netty..",
                "com.corundumstudio..", "java.sql..", "org.postgresql..", "io.micrometer..").check(CORE);
    }

    @Test
    @DisplayName("never Java deserialization, never Jackson data binding: payloads come from the network")
    void noDeserialization() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream").check(CORE);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..").check(CORE);
    }

    @Test
    @DisplayName("the protocol model does not depend on the codec")
    void protocolBelowCodec() {
        noClasses().that().resideInAPackage("io.siocluster.core.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.siocluster.core.codec..", "io.siocluster.core.codec.internal..")
                .check(CORE);
    }

    @Test
    @DisplayName("only the node itself knows ClusterNode: namespaces get a context, so node and namespace form no cycle")
    void nodeIsAnEntryPointOnly() {
        noClasses().that().doNotHaveFullyQualifiedName(ClusterNode.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName(ClusterNode.class.getName())
                .check(CORE);
    }

    @Test
    @DisplayName("no cycles between the core's parts (cluster, codec, protocol, emitter, internal)")
    void noCycles() {
        // An API package and its own internal package form one part: the machinery may use the API's value
        // types (DecodeLimits, AttachmentHeader, MessageDecodeException) instead of keeping mirror copies.
        slices().matching("io.siocluster.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    @DisplayName("the codec's machinery is reached only through the codec's API")
    void internalsStayInside() {
        noClasses().that().resideOutsideOfPackage("io.siocluster.core.codec..")
                .should().dependOnClassesThat().resideInAPackage("io.siocluster.core.codec.internal..").check(CORE);
    }

    @Test
    @DisplayName("the wire formats' machinery is reached only through Wires, and the wire knows no cluster node")
    void wireStaysBehindWires() {
        noClasses().that().resideOutsideOfPackage("io.siocluster.core.wire..")
                .should().dependOnClassesThat().resideInAPackage("io.siocluster.core.wire.internal..").check(CORE);
        noClasses().that().resideInAPackage("io.siocluster.core.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("io.siocluster.core.cluster..", "io.siocluster.core.emitter..")
                .check(CORE);
    }
}
