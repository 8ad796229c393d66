package io.liveswap.mediator;

/** A swap aborted before its point of no return; the old versions keep serving with their state. */
public class SwapAbortedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SwapReport report;

    /**
     * @param report the report, whose {@link SwapReport#cause} is the message
     * @param cause the failure, if any
     */
    public SwapAbortedException(SwapReport report, Throwable cause) {
        super(report.cause, cause);
        this.report = report;
    }

    /** @return what the swap did before it aborted */
    public SwapReport report() {
        return report;
    }
}
