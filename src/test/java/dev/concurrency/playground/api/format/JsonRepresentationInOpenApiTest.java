package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

/** The document's thread-type and trial-order values are the ones the service writes, whatever the scanner found. */
class JsonRepresentationInOpenApiTest {

    @Test
    void theEnumSchemasListTheIdsTheApiWrites() {
        Schema threadType = OASFactory.createSchema().enumeration(List.of("PLATFORM", "VIRTUAL", "PROCESS"));
        Schema trialOrder = OASFactory.createSchema().enumeration(List.of("SEQUENTIAL", "INTERLEAVED"));
        Schema database = OASFactory.createSchema().enumeration(List.of("EMBEDDED", "POSTGRESQL"));
        OpenAPI document = OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("ThreadType", threadType).addSchema("TrialOrder", trialOrder).addSchema("Database", database));
        new JsonRepresentationInOpenApi().filterOpenAPI(document);
        assertEquals(List.of("platform", "virtual", "process"), document.getComponents().getSchemas().get("ThreadType").getEnumeration());
        assertEquals(List.of("sequential", "interleaved"), document.getComponents().getSchemas().get("TrialOrder").getEnumeration());
        assertEquals(List.of("embedded", "postgresql"), document.getComponents().getSchemas().get("Database").getEnumeration());
    }

    @Test
    void aDocumentWithoutTheSchemaFailsTheBuildRatherThanShipWrongValues() {
        OpenAPI document = OASFactory.createOpenAPI().components(OASFactory.createComponents());
        assertThrows(IllegalStateException.class, () -> new JsonRepresentationInOpenApi().filterOpenAPI(document));
    }
}
