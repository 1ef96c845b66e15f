package dev.concurrency.playground.api.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes into the OpenAPI document, when the build generates it, the enum values that
 * {@link JsonRepresentation} gives JSON: the scanner reads annotations on the records, and the records
 * carry none, so the values are taken from a mapper customised exactly as the service's is.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class JsonRepresentationInOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ObjectMapper mapper = new ObjectMapper();
        new JsonRepresentation().customize(mapper);
        Map<String, Schema> schemas = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        for (Class<? extends Enum<?>> type : JsonRepresentation.ENUMS_AS_IDS) {
            Schema schema = schemas == null ? null : schemas.get(type.getSimpleName());
            if (schema == null) {
                throw new IllegalStateException("the OpenAPI document has no " + type.getSimpleName()
                        + " schema to give its values; update " + JsonRepresentationInOpenApi.class.getName());
            }
            List<Object> values = new ArrayList<>();
            for (Enum<?> value : type.getEnumConstants()) {
                values.add(asJson(mapper, value));
            }
            schema.setEnumeration(values);
        }
    }

    private static String asJson(ObjectMapper mapper, Object value) {
        try {
            return mapper.readTree(mapper.writeValueAsString(value)).asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
