package io.siocluster.inmemory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("In-memory transport architecture")
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.inmemory");

    @Test
    @DisplayName("a transport depends on the SPI, the JDK and the SLF4J API only: no other transport, no Socket.IO")
    void onlySpi() {
        noClasses().that().resideInAPackage("io.siocluster.inmemory..")
                .should().dependOnClassesThat()
                .resideOutsideOfPackages("io.siocluster.inmemory..", "io.siocluster.spi..", "java..", "org.jspecify..",
                        "org.slf4j..")
                .check(classes);
    }

    @Test
    @DisplayName("no package cycles")
    void noCycles() {
        slices().matching("io.siocluster.(**)").should().beFreeOfCycles().check(classes);
    }
}
