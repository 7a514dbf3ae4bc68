package io.siocluster.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SPI architecture")
class ArchitectureTest {

    private final JavaClasses spi = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.spi");

    @Test
    @DisplayName("the SPI depends on the JDK and nullness annotations only")
    void jdkOnly() {
        noClasses().that().resideInAPackage("io.siocluster.spi..")
                .should().dependOnClassesThat()
                .resideOutsideOfPackages("io.siocluster.spi..", "java..", "org.jspecify..")
                .check(spi);
    }

    @Test
    @DisplayName("the facet packages do not depend on each other in cycles")
    void noCycles() {
        slices().matching("io.siocluster.spi.(*)..").should().beFreeOfCycles().check(spi);
    }

    @Test
    @DisplayName("facets do not reach back to the Transport root package")
    void facetsIndependentOfRoot() {
        noClasses().that().resideInAnyPackage("io.siocluster.spi.messaging..", "io.siocluster.spi.blob..",
                        "io.siocluster.spi.liveness..", "io.siocluster.spi.error..")
                .should().dependOnClassesThat().resideInAPackage("io.siocluster.spi")
                .check(spi);
    }
}
