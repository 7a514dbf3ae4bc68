package io.siocluster.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("micrometer module architecture")
class ArchitectureTest {

    private static final JavaClasses METRICS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siocluster.micrometer");

    @Test
    @DisplayName("the meters read the core's counters only: no transport, no binding, no core internals")
    void coreApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.siocluster.postgres..", "io.siocluster.inmemory..", "io.siocluster.netty..",
                "com.corundumstudio..", "io.siocluster.core..internal..").check(METRICS);
    }
}
