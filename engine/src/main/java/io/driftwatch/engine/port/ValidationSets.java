package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ValidationSet;
import java.util.Optional;

/** Finds the scored validation set logged with an endpoint's model (issue 20); implemented by the server. */
@FunctionalInterface
public interface ValidationSets {
    /** None: no validation sets. */
    ValidationSets NONE = ep -> Optional.empty();

    /** The validation set of the endpoint's model, if one was logged. */
    Optional<ValidationSet> of(ModelEndpoint endpoint);
}
