package io.driftwatch.engine.controller;

/**
 * What the controller waits on before it cuts windows: the stream processor applies an event to the endpoint record
 * (its {@code last_request}) at once but buffers its prediction rows until a flush (by default up to 10,000 rows or
 * 60 s), so a window that the record already shows as closed may not yet be readable from the sample store. Analysed
 * then, it would be empty or partial and, with {@code last_analyzed} advanced past it, never analysed again.
 *
 * <p>The controller calls {@link #awaitStored()} after it has read the endpoint records of a run: it returns true
 * once the rows of every event those records reflect are readable, false when that did not happen within the
 * implementation's timeout (the run is then deferred; nothing is advanced).
 */
@FunctionalInterface
public interface SampleBarrier {
    /** For stores whose rows are readable as soon as the endpoint record shows them (tests, batch imports). */
    SampleBarrier NONE = () -> true;

    /**
     * @return true when the rows of every event applied to the endpoint records so far are readable
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitStored() throws InterruptedException;
}
