package org.kawamori.ingest.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.kawamori.core.ingest.RejectionReason;

/** The CoAP response code a device gets for each reason its message was refused. */
final class CoapResponses {

    private CoapResponses() {}

    static ResponseCode forRejection(RejectionReason reason) {
        return switch (reason) {
            case WRONG_TOPIC, UNKNOWN_DEVICE -> ResponseCode.NOT_FOUND;
            // NOT_AUTHORIZED: the DTLS peer did authenticate, as another device. 4.01 would tell it to
            // improve its credentials; 4.03 says this identity may not post here.
            case DEVICE_DISABLED, WRONG_MUNICIPALITY, DEVICE_MISMATCH, NOT_AUTHORIZED -> ResponseCode.FORBIDDEN;
            case UNSUPPORTED_CONTENT_FORMAT -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
            case PAYLOAD_TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case EMPTY_PAYLOAD,
                    MALFORMED_PAYLOAD,
                    UNKNOWN_MEASUREMENT,
                    WRONG_UNIT,
                    VALUE_OUT_OF_RANGE,
                    TIMESTAMP_OUT_OF_RANGE,
                    MALFORMED_BATCH,
                    MALFORMED_ADVERTISEMENT,
                    MISSING_POSITION -> ResponseCode.BAD_REQUEST;
            case PROCESSING_FAILED -> ResponseCode.INTERNAL_SERVER_ERROR;
        };
    }
}
