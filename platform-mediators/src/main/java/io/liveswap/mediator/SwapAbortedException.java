package io.liveswap.mediator;

import io.liveswap.api.Reason;

/** A swap aborted before its point of no return; the old versions keep serving with their state. */
public class SwapAbortedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SwapReport report;

    /**
     * @param report the report, whose {@link SwapReport#cause} is the message and {@link SwapReport#reason} its code
     * @param cause the failure, if any
     */
    public SwapAbortedException(SwapReport report, Throwable cause) {
        super(report.cause, cause);
        this.report = report;
    }

    /** @return the code of the cause, as in {@link SwapReport#reason} */
    public Reason reason() {
        return report == null ? Reason.UNKNOWN : report.reason;
    }

    /** @return what the swap did before it aborted */
    public SwapReport report() {
        return report;
    }
}
