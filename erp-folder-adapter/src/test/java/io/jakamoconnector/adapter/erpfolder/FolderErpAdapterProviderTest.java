package io.jakamoconnector.adapter.erpfolder;

import static org.assertj.core.api.Assertions.assertThat;

import io.jakamoconnector.domain.plugin.ErpAdapterProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The application finds the folder adapter the way it finds any ERP adapter: by ServiceLoader, by its type. */
class FolderErpAdapterProviderTest {

    @Test
    void serviceLoaderFindsTheFolderAdapterAsTypeFolders() {
        assertThat(ServiceLoader.load(ErpAdapterProvider.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p.type().equals("folders"))
                .singleElement()
                .isInstanceOf(FolderErpAdapterProvider.class)
                .satisfies(p -> assertThat(p.description()).contains("drop folders"));
    }
}
