package io.jakamoconnector.app.config;

import io.jakamoconnector.domain.plugin.ConfigSection;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reading interface of the section readers speaks only JDK types, so a reader can move into an adapter module
 * (issue 18) without taking the YAML library, a project module or {@code app} along.
 */
class ConfigSectionTest {
    private static final Set<String> PRIMITIVES = Set.of("boolean", "int", "long", "void");

    @Test
    void needsNothingButTheJdk() {
        List<String> foreign = new ArrayList<>();
        for (Method method : ConfigSection.class.getMethods()) {
            List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
            types.add(method.getGenericReturnType());
            types.addAll(List.of(method.getGenericExceptionTypes()));
            for (Type type : types) {
                for (String name : type.getTypeName().split("[<>,\\[\\]\\s?]+")) {
                    boolean jdk = name.isEmpty() || name.startsWith("java.") || PRIMITIVES.contains(name)
                            || name.equals("T") || name.equals("extends") || name.equals("super")
                            || name.equals(ConfigSection.class.getName());
                    if (!jdk) {
                        foreign.add(method.getName() + ": " + name);
                    }
                }
            }
        }
        assertThat(ConfigSection.class.getInterfaces()).isEmpty();
        assertThat(foreign).isEmpty();
    }
}
