package io.siocluster.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The transport knows the SPI, Lettuce and logging, nothing of other transports or of Socket.IO; inside it
 * dependencies go one way, from {@code io.siocluster.redis} to {@code io.siocluster.redis.internal}.
 */
class ArchitectureTest {

    private static final String ROOT = "io.siocluster.redis";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void dependsOnNoOtherTransportNorTheCluster() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.siocluster.inmemory..", "io.siocluster.postgres..", "io.siocluster.core..",
                "io.siocluster.netty..", "io.siocluster.tck..", "com.corundumstudio..")
                .check(CLASSES);
    }

    @Test
    void logsThroughTheSlf4jApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..",
                "org.apache.logging..", "ch.qos.logback..").check(CLASSES);
    }

    @Test
    void internalsDoNotDependOnThePublicPackage() {
        noClasses().that().resideInAPackage(ROOT + ".internal..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.siocluster.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
