package org.parley.chat.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.parley.chat.broker.ChatBroker;

/**
 * The architecture's rules (docs/architecture.md), checked on the library's main classes:
 *
 * <ul>
 *   <li>feature packages do not depend on each other in a cycle;
 *   <li>only services publish events (handlers and controllers call a service, which publishes after its
 *       commit);
 *   <li>only services, access checks and the wiring touch repositories, never a handler or a controller.
 * </ul>
 */
@AnalyzeClasses(packages = "org.parley.chat", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The wiring (Spring configuration classes) names every feature by design, so it is left out of the
     * cycle check; everything else must form a one-way graph of packages.
     */
    private static final DescribedPredicate<JavaClass> WIRING = DescribedPredicate.describe(
            "Spring configuration (wiring)",
            c -> c.isAnnotatedWith("org.springframework.context.annotation.Configuration")
                    || c.isAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
                    || c.getSimpleName().endsWith("Configuration"));

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.parley.chat.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(WIRING, DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule onlyServicesPublishEvents = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Service")
            .and()
            .areNotAssignableTo(ChatBroker.class)
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "ChatBroker.publish",
                    (JavaMethodCall call) -> call.getTarget().getName().equals("publish")
                            && call.getTarget().getOwner().isAssignableTo(ChatBroker.class)))
            .because("services alone publish events, after their commit (docs/architecture.md)");

    @ArchTest
    static final ArchRule repositoriesAreUsedByServicesAndAccessChecksOnly = classes()
            .that()
            .haveSimpleNameEndingWith("Repository")
            .should()
            .onlyBeAccessed()
            .byClassesThat(DescribedPredicate.describe(
                    "services, access checks, repositories or wiring", (JavaClass c) -> {
                        String name = c.getSimpleName();
                        return name.endsWith("Service")
                                || name.endsWith("Access")
                                || name.endsWith("Repository")
                                || WIRING.test(c)
                                || c.getEnclosingClass()
                                        .map(outer -> outer.getSimpleName().endsWith("Repository"))
                                        .orElse(false);
                    }))
            .because("handlers and controllers go through a service (docs/architecture.md)");

    @ArchTest
    static final ArchRule handlersAndControllersDoNotTouchRepositories = noClasses()
            .that()
            .haveSimpleNameEndingWith("Handler")
            .or()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository");
}
