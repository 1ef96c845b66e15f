package dev.concurrency.playground.api.chart;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The options every chart takes alike (its size and colours), declared once for the API description
 * of both chart operations. The values are read and checked by {@link ChartOptions#parse}, with the
 * other options, from the whole query; these fields only document them.
 */
public class ChartFrameParameters {

    @Parameter(description = "Width in pixels.", schema = @Schema(type = SchemaType.INTEGER,
            minimum = "" + ChartOptions.MIN_WIDTH, maximum = "" + ChartOptions.MAX_WIDTH,
            defaultValue = "" + ChartOptions.DEFAULT_WIDTH), example = "720")
    @QueryParam("width")
    String width;

    @Parameter(description = "Height in pixels.", schema = @Schema(type = SchemaType.INTEGER,
            minimum = "" + ChartOptions.MIN_HEIGHT, maximum = "" + ChartOptions.MAX_HEIGHT,
            defaultValue = "" + ChartOptions.DEFAULT_HEIGHT), example = "400")
    @QueryParam("height")
    String height;

    @Parameter(description = "Colours for a light or a dark page.",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"light", "dark"}, defaultValue = "light"),
            example = "dark")
    @QueryParam("theme")
    String theme;
}
