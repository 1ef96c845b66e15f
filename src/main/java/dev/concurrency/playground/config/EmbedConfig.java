package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which pages may show the dashboard's embed view in a frame (see {@code web.DashboardPages}). */
@ConfigMapping(prefix = "playground.embed")
public interface EmbedConfig {

    /**
     * The CSP {@code frame-ancestors} sources of {@code /embed/experiments/{id}}, e.g.
     * {@code https://wiki.example.org}, or {@code 'self'}; {@code *} lets any page frame it, which is
     * what an embed is for. The dashboard itself may never be framed.
     */
    @WithDefault("*")
    List<String> frameAncestors();
}
