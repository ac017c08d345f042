package io.jakamoconnector.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;

/** The one way the connector builds its injector: strict, explicit, no surprises. */
public final class Injectors {
    private Injectors() {
    }

    public static Injector strict(Stage stage, Module... modules) {
        List<Module> all = new ArrayList<>(List.of(modules));
        all.add(0, new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
                binder().requireAtInjectOnConstructors();
                binder().requireExactBindingAnnotations();
            }
        });
        return Guice.createInjector(stage, all);
    }
}
