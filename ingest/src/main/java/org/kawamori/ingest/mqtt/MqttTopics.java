package org.kawamori.ingest.mqtt;

import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.ingest.DeviceAddress;

/**
 * The topic scheme of sensors: {@code kawamori/{municipalityCode}/sensors/{deviceId}/up}, e.g. {@code
 * kawamori/282103/sensors/demo-gauge-1/up}.
 */
public final class MqttTopics {

    public static final String ROOT = "kawamori";
    /** The filter the ingest subscribes to. */
    public static final String SENSOR_UPLINKS = ROOT + "/+/sensors/+/up";

    private MqttTopics() {}

    public static String sensorUplink(MunicipalityCode municipality, DeviceId device) {
        return ROOT + "/" + municipality.value() + "/sensors/" + device.value() + "/up";
    }

    /** Reads the address off a topic; a topic of another shape is {@link DeviceAddress.Unaddressed}. */
    public static DeviceAddress parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 5 || !ROOT.equals(levels[0]) || !"sensors".equals(levels[2]) || !"up".equals(levels[4])) {
            return new DeviceAddress.Unaddressed("topic is not kawamori/{municipality}/sensors/{device}/up");
        }
        if (!MunicipalityCode.isValid(levels[1])) {
            return new DeviceAddress.Unaddressed("topic names no valid municipality code");
        }
        if (!DeviceId.isValid(levels[3])) {
            return new DeviceAddress.Unaddressed("topic names no valid device id");
        }
        return DeviceAddress.of(MunicipalityCode.of(levels[1]), DeviceId.of(levels[3]));
    }
}
