package dev.hetplace.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layering the README states (ir, hardware-profiles -> backends -> cost-models -> planner -> experiments),
 * no package cycles in hetplace's main code, and the sweep tool off {@code place}'s command line.
 */
@AnalyzeClasses(packages = "dev.hetplace", importOptions = ArchitectureTest.MainCodeOnly.class)
class ArchitectureTest {
    /** Main classes only: neither test-classes folders nor the test jars other modules publish (planner's). */
    static final class MainCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule modulesDependDownwardsOnly = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("ir").definedBy("dev.hetplace.ir..")
            .layer("hardware-profiles").definedBy("dev.hetplace.hw..")
            .layer("backends").definedBy("dev.hetplace.backends..")
            .layer("cost-models").definedBy("dev.hetplace.cost..")
            .layer("planner").definedBy("dev.hetplace.planner..")
            .layer("experiments").definedBy("dev.hetplace.experiments..")
            .whereLayer("experiments").mayNotBeAccessedByAnyLayer()
            .whereLayer("planner").mayOnlyBeAccessedByLayers("experiments")
            .whereLayer("cost-models").mayOnlyBeAccessedByLayers("planner", "experiments")
            .whereLayer("backends").mayOnlyBeAccessedByLayers("cost-models", "planner", "experiments")
            .whereLayer("hardware-profiles").mayOnlyBeAccessedByLayers("backends", "cost-models", "planner",
                    "experiments")
            .whereLayer("ir").mayOnlyBeAccessedByLayers("backends", "cost-models", "planner", "experiments");

    /** Every package is its own slice, and no slice depends on itself through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.hetplace.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule experimentsStayOffPlacesCommandLine = noClasses().that()
            .resideInAPackage("dev.hetplace.experiments..")
            .should().dependOnClassesThat().resideInAPackage("dev.hetplace.planner.cli..");
}
