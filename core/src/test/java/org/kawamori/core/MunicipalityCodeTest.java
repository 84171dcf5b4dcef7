package org.kawamori.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MunicipalityCodeTest {

    @ParameterizedTest(name = "{0} completes to {1}")
    @CsvSource({
        "28210,282103", // 加古川市
        "28100,281000", // 神戸市
        "13101,131016", // 千代田区
        "01100,011002", // 札幌市
        "28365,283657" // 多可町
    })
    void fiveDigitCodesAreCompletedWithTheirCheckDigit(String five, String six) {
        assertThat(MunicipalityCode.fromFiveDigits(five).value()).isEqualTo(six);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"282104", "28210", "2821033", "abcdef", "", "28210x"})
    void codesWithAWrongCheckDigitOrFormAreRefused(String code) {
        assertThatThrownBy(() -> MunicipalityCode.of(code)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MunicipalityCode.isValid(code)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void everyBasinMunicipalityHasAValidCode() {
        assertThat(Municipalities.kakogawaBasin()).hasSize(10);
        assertThat(Municipalities.find(Municipalities.KAKOGAWA))
                .get()
                .extracting(Municipalities.Municipality::nameJa)
                .isEqualTo("加古川市");
    }
}
