package org.kawamori.ingest.mqtt;

import java.util.List;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.ingest.DeviceAddress;

/**
 * The topic scheme: sensors publish to {@code kawamori/{municipalityCode}/sensors/{deviceId}/up}, e.g.
 * {@code kawamori/282103/sensors/demo-gauge-1/up}; BLE gateways publish detection batches to {@code
 * kawamori/{municipalityCode}/gateways/{gatewayId}/detections}.
 */
public final class MqttTopics {

    public static final String ROOT = "kawamori";
    /** The filter of sensor uplinks. */
    public static final String SENSOR_UPLINKS = ROOT + "/+/sensors/+/up";
    /** The filter of gateway detection batches. */
    public static final String GATEWAY_DETECTIONS = ROOT + "/+/gateways/+/detections";
    /** The filters the ingest subscribes to. */
    public static final List<String> INGEST_FILTERS = List.of(SENSOR_UPLINKS, GATEWAY_DETECTIONS);

    private MqttTopics() {}

    public static String sensorUplink(MunicipalityCode municipality, DeviceId device) {
        return ROOT + "/" + municipality.value() + "/sensors/" + device.value() + "/up";
    }

    public static String gatewayDetections(MunicipalityCode municipality, DeviceId gateway) {
        return ROOT + "/" + municipality.value() + "/gateways/" + gateway.value() + "/detections";
    }

    /** Reads the address off a topic; a topic of another shape is {@link DeviceAddress.Unaddressed}. */
    public static DeviceAddress parse(String topic) {
        String[] levels = topic.split("/", -1);
        boolean uplink = levels.length == 5 && "sensors".equals(levels[2]) && "up".equals(levels[4]);
        boolean batch = levels.length == 5 && "gateways".equals(levels[2]) && "detections".equals(levels[4]);
        if (!ROOT.equals(levels[0]) || !(uplink || batch)) {
            return new DeviceAddress.Unaddressed("topic is not kawamori/{municipality}/sensors/{device}/up"
                    + " or kawamori/{municipality}/gateways/{gateway}/detections");
        }
        if (!MunicipalityCode.isValid(levels[1])) {
            return new DeviceAddress.Unaddressed("topic names no valid municipality code");
        }
        if (!DeviceId.isValid(levels[3])) {
            return new DeviceAddress.Unaddressed("topic names no valid device id");
        }
        MunicipalityCode municipality = MunicipalityCode.of(levels[1]);
        DeviceId device = DeviceId.of(levels[3]);
        return uplink
                ? DeviceAddress.of(municipality, device)
                : new DeviceAddress.GatewayBatch(Optional.of(municipality), device);
    }
}
