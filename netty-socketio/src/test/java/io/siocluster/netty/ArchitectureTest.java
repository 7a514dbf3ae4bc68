package io.siocluster.netty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("netty-socketio binding architecture")
class ArchitectureTest {

    private static final JavaClasses BINDING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.netty");

    @Test
    @DisplayName("the binding knows no transport implementation and no database")
    void noTransportKnowledge() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.siocluster.postgres..", "io.siocluster.inmemory..", "java.sql..", "org.postgresql..")
                .check(BINDING);
    }

    @Test
    @DisplayName("internals do not depend on the public API")
    void internalsBelowApi() {
        noClasses().that().resideInAPackage("io.siocluster.netty.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.siocluster.netty")
                .check(BINDING);
    }

    @Test
    @DisplayName("no package cycles")
    void noCycles() {
        slices().matching("io.siocluster.netty.(**)").should().beFreeOfCycles().check(BINDING);
    }

    @Test
    @DisplayName("what clients receive depends on no call-stack shape and no Netty internals")
    void noStackWalkingNoNettyInternals() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(StackWalker.class.getName())
                .orShould().dependOnClassesThat().resideInAPackage("io.netty.util.internal..")
                .check(BINDING);
    }

    @Test
    @DisplayName("never Java deserialization: payloads come from the network")
    void noJavaDeserialization() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream").check(BINDING);
    }
}
