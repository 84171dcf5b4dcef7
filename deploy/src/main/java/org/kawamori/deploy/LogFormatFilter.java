package org.kawamori.deploy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender of logback.xml write only when {@code KAWAMORI_LOG_FORMAT} names its format
 * ({@code json}, in any case; any other value or none is {@code text}), so both appenders can stay attached and logback has nothing to warn about.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

    static final String FORMAT = "KAWAMORI_LOG_FORMAT";

    private String format = "text";
    private boolean chosen;

    /** The format of the appender this filter belongs to: {@code text} or {@code json}. */
    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public void start() {
        // anything but json (in any case) is text: a misspelt value must not silence the logs
        String wanted = System.getenv(FORMAT);
        boolean json = wanted != null && wanted.strip().equalsIgnoreCase("json");
        chosen = format.equals(json ? "json" : "text");
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return chosen ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
