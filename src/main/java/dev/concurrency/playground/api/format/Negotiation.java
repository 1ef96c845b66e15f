package dev.concurrency.playground.api.format;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * Server-driven content negotiation (RFC 9110, section 12.5.1) among the representations one resource
 * offers.
 *
 * <p>It is done here rather than left to JAX-RS, which leaves the choice among equally acceptable
 * {@code @Produces} types to the implementation: an {@code Accept} of {@code *}{@code /*}, or none at
 * all, as {@code curl} sends, must get JSON.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /**
     * The offered type the client prefers most. A type's quality is the {@code q} of the most specific
     * range in {@code accepted} that matches it ({@code text/csv} before {@code text/*} before
     * {@code *}{@code /*}); the highest quality above zero wins, and a tie goes to the type offered
     * first. Empty when the client accepts none of them.
     *
     * @param accepted the client's ranges, as {@code HttpHeaders.getAcceptableMediaTypes()} gives them
     *     ({@code *}{@code /*} when the request has no {@code Accept})
     * @param offered the types the resource can produce, most preferred first
     */
    public static Optional<MediaType> choose(List<MediaType> accepted, List<MediaType> offered) {
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType candidate : offered) {
            double quality = quality(candidate, accepted);
            if (quality > bestQuality) {
                best = candidate;
                bestQuality = quality;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double quality(MediaType candidate, List<MediaType> accepted) {
        int bestSpecificity = -1;
        double quality = 0;
        for (MediaType range : accepted) {
            if (!range.isCompatible(candidate)) {
                continue;
            }
            int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            double q = q(range);
            if (specificity > bestSpecificity || specificity == bestSpecificity && q > quality) {
                bestSpecificity = specificity;
                quality = q;
            }
        }
        return quality;
    }

    private static double q(MediaType range) {
        String q = range.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        try {
            double value = Double.parseDouble(q.trim());
            return value >= 0 && value <= 1 ? value : 1;
        } catch (NumberFormatException e) {
            // A malformed weight is the client's slip; ignoring it serves them better than a 406.
            return 1;
        }
    }
}
