package org.kawamori.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.routing.senml.SenmlCborDecoder;
import org.kawamori.routing.senml.SenmlException;
import org.kawamori.routing.senml.SenmlJsonDecoder;
import org.kawamori.routing.senml.SenmlRecord;

/**
 * Third step: SenML, JSON or CBOR as the content type says (checked by {@link CheckEnvelope}), into
 * validated readings of the sender.
 */
final class DecodeReadings implements Processor {

    private final SenmlJsonDecoder json;
    private final SenmlCborDecoder cbor;
    private final ReadingInterpreter interpreter;
    private final Clock clock;

    DecodeReadings(RoutingConfig config, Clock clock) {
        this.json = new SenmlJsonDecoder(config.maxRecordsPerPack());
        this.cbor = new SenmlCborDecoder(config.maxRecordsPerPack());
        this.interpreter = new ReadingInterpreter(config);
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        InboundMessage message = exchange.getProperty(ExchangeKeys.MESSAGE, InboundMessage.class);
        Sensor sensor = exchange.getProperty(ExchangeKeys.SENSOR, Sensor.class);
        Instant now = clock.instant();
        List<SenmlRecord> records;
        try {
            records = InboundMessage.SENML_CBOR.equals(message.contentType())
                    ? cbor.decode(message.payload(), now)
                    : json.decode(message.payload(), now);
        } catch (SenmlException e) {
            throw new MessageRejectedException(RejectionReason.MALFORMED_PAYLOAD, e.getMessage());
        }
        List<Reading> readings = interpreter.interpret(sensor, records, now);
        exchange.setProperty(ExchangeKeys.READINGS, readings);
    }
}
