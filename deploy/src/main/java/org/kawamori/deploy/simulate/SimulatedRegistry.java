package org.kawamori.deploy.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.core.registry.RegistryEntry;
import org.kawamori.simulators.basin.Station;
import org.kawamori.simulators.play.SimDevice;

/**
 * The simulated devices as the registry takes them: entries to register, the CSV of {@code registry
 * import}, and the alert settings of the gauges (their stages, their reporting modes).
 */
final class SimulatedRegistry {

    private SimulatedRegistry() {}

    static List<RegistryEntry> entries(List<SimDevice> devices) {
        List<RegistryEntry> entries = new ArrayList<>();
        for (SimDevice d : devices) {
            if (d instanceof SimDevice.SimSensor s) {
                entries.add(new RegistryEntry.SensorEntry(
                        0, s.sensor(), Optional.of(s.secret().toCharArray())));
            } else if (d instanceof SimDevice.SimGateway g) {
                entries.add(new RegistryEntry.GatewayEntry(
                        0,
                        g.gateway(),
                        g.name().orElse(null),
                        Optional.of(g.secret().toCharArray())));
            } else if (d instanceof SimDevice.SimTag t) {
                entries.add(new RegistryEntry.TagEntry(0, t.tag(), t.municipality(), null));
            }
        }
        return entries;
    }

    /** {@code type,id,municipality,kind,name,lat,lon,secret,experimental}, one line a device. */
    static String csv(List<SimDevice> devices) {
        StringBuilder csv = new StringBuilder("type,id,municipality,kind,name,lat,lon,secret,experimental\n");
        for (SimDevice d : devices) {
            if (d instanceof SimDevice.SimSensor s) {
                csv.append(String.format(
                        Locale.ROOT,
                        "sensor,%s,%s,%s,%s,%.6f,%.6f,%s,true%n",
                        s.sensor().id().value(),
                        s.sensor().municipality().value(),
                        s.sensor().kind(),
                        s.sensor().name(),
                        s.sensor().location().latitude(),
                        s.sensor().location().longitude(),
                        s.secret()));
            } else if (d instanceof SimDevice.SimGateway g) {
                csv.append(String.format(
                        Locale.ROOT,
                        "gateway,%s,%s,%s,%s,%s,%s,%s,%n",
                        g.gateway().id().value(),
                        g.gateway().municipality().value(),
                        g.gateway().kind(),
                        g.name().orElse(""),
                        g.gateway()
                                .position()
                                .map(p -> String.format(Locale.ROOT, "%.6f", p.latitude()))
                                .orElse(""),
                        g.gateway()
                                .position()
                                .map(p -> String.format(Locale.ROOT, "%.6f", p.longitude()))
                                .orElse(""),
                        g.secret()));
            } else if (d instanceof SimDevice.SimTag t) {
                csv.append("tag,")
                        .append(t.tag().value())
                        .append(',')
                        .append(t.municipality().value())
                        .append(",,,,,,\n");
            }
        }
        return csv.toString();
    }

    /** Alert settings (properties) of the typhoon day's stations: stages, reporting mode, observation start. */
    static String settings(List<Station> stations) {
        StringBuilder s = new StringBuilder("# the simulated typhoon day's stations (kawamori simulate)\n");
        for (Station station : stations) {
            String prefix = "station." + station.device().sensor().id().value() + ".";
            s.append(prefix)
                    .append("reporting.mode=")
                    .append(station.reporting().setting())
                    .append('\n');
            station.stages().ifPresent(st -> s.append(prefix)
                    .append("river-stage.thresholds-m=")
                    .append(st.asSetting())
                    .append('\n'));
            if (station.reporting() == org.kawamori.simulators.basin.Reporting.CRISIS) {
                s.append(prefix)
                        .append(String.format(
                                Locale.ROOT,
                                "reporting.crisis.observation-start-m=%.2f%n",
                                station.observationStart()));
            }
        }
        return s.toString();
    }
}
