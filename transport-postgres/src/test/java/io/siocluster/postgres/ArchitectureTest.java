package io.siocluster.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The transport knows the SPI, JDBC and logging, nothing of other transports or of Socket.IO; and inside it
 * dependencies go one way only: from the public package ({@code io.siocluster.postgres}) to its
 * implementation ({@code io.siocluster.postgres.internal}), never back.
 */
class ArchitectureTest {

    private static final String ROOT = "io.siocluster.postgres";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void dependsOnNoOtherTransportNorTheCluster() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.siocluster.inmemory..", "io.siocluster.core..", "io.siocluster.netty..", "io.siocluster.tck..",
                "com.corundumstudio..")
                .check(CLASSES);
    }

    @Test
    void logsThroughTheSlf4jApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                "org.apache.logging..", "ch.qos.logback..").check(CLASSES);
    }

    /** internal knows nothing of the public package: neither the entry points nor the option keys. */
    @Test
    void internalsDoNotDependOnThePublicPackage() {
        noClasses().that().resideInAPackage(ROOT + ".internal..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CLASSES);
    }

    /**
     * Every package of the module, the root included, is a slice of its own ({@code postgres},
     * {@code postgres.internal}, ...), so a cycle between the public package and internal is caught.
     * ({@code matching("io.siocluster.postgres.(**)")} would not catch it: its {@code (**)} needs at least one
     * package below the root, so root classes belong to no slice.)
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.siocluster.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
