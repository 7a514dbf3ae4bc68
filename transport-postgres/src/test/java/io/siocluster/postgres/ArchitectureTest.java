package io.siocluster.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The transport knows the SPI, JDBC and logging, nothing of other transports or of Socket.IO. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.postgres");

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

    /** internal reads the public option keys, but never calls back into the entry points that wrap it. */
    @Test
    void internalsDoNotCallTheEntryPoints() {
        noClasses().that().resideInAPackage("io.siocluster.postgres.internal..")
                .should().dependOnClassesThat().haveSimpleName("PostgresTransport")
                .orShould().dependOnClassesThat().haveSimpleName("PostgresTransportProvider")
                .check(CLASSES);
    }
}
