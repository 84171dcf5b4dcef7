package org.kawamori.core;

import java.util.List;
import java.util.Optional;

/** The municipalities of the Kakogawa basin (the five cities and one town of the shared flood dashboard, and their neighbours). */
public final class Municipalities {

    /** A municipality with its names. */
    public record Municipality(MunicipalityCode code, String nameJa, String nameEn) {}

    public static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");

    private static final List<Municipality> BASIN = List.of(
            basin("28210", "加古川市", "Kakogawa"),
            basin("28213", "西脇市", "Nishiwaki"),
            basin("28215", "三木市", "Miki"),
            basin("28216", "高砂市", "Takasago"),
            basin("28218", "小野市", "Ono"),
            basin("28220", "加西市", "Kasai"),
            basin("28228", "加東市", "Kato"),
            basin("28365", "多可町", "Taka"),
            basin("28381", "稲美町", "Inami"),
            basin("28382", "播磨町", "Harima"));

    private Municipalities() {}

    private static Municipality basin(String fiveDigits, String ja, String en) {
        return new Municipality(MunicipalityCode.fromFiveDigits(fiveDigits), ja, en);
    }

    public static List<Municipality> kakogawaBasin() {
        return BASIN;
    }

    public static Optional<Municipality> find(MunicipalityCode code) {
        return BASIN.stream().filter(m -> m.code().equals(code)).findFirst();
    }
}
