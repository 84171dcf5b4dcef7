package org.kawamori.notify.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience;
import org.kawamori.notify.fixtures.Notices;

class NoticeTopicsTest {

    private static final Audience.Family FAMILY_A = Notices.family("fam-a");
    private static final Audience.Family FAMILY_B = Notices.family("fam-b");
    private static final Audience.Officers KAKOGAWA = Notices.officers();
    private static final Audience.Officers TAKASAGO = new Audience.Officers(MunicipalityCode.of("282162"));
    private static final Audience.Public PUBLIC = new Audience.Public();

    @Test
    void each_audience_has_its_one_topic() {
        assertThat(NoticeTopics.DEFAULT.topicFor(KAKOGAWA)).isEqualTo("kawamori/notices/municipality/282103");
        assertThat(NoticeTopics.DEFAULT.topicFor(FAMILY_A)).isEqualTo("kawamori/notices/family/fam-a");
        assertThat(NoticeTopics.DEFAULT.topicFor(PUBLIC)).isEqualTo("kawamori/notices/public");
        assertThat(new NoticeTopics("test/run-1/notices").topicFor(FAMILY_A))
                .isEqualTo("test/run-1/notices/family/fam-a");
    }

    @Test
    void a_family_reads_its_own_topic_and_the_public_one() {
        assertThat(NoticeTopics.mayRead(FAMILY_A, "kawamori/notices/family/fam-a"))
                .isTrue();
        assertThat(NoticeTopics.mayRead(FAMILY_A, "kawamori/notices/public")).isTrue();
        assertThat(NoticeTopics.mayRead(FAMILY_A, "kawamori/notices/family/fam-b"))
                .isFalse();
        assertThat(NoticeTopics.mayRead(FAMILY_A, "kawamori/notices/municipality/282103"))
                .isFalse();
        assertThat(NoticeTopics.DEFAULT.readableBy(FAMILY_A))
                .containsExactly("kawamori/notices/family/fam-a", "kawamori/notices/public");
    }

    @Test
    void nobody_but_the_family_reads_a_family_topic() {
        String topic = NoticeTopics.DEFAULT.topicFor(FAMILY_A);
        assertThat(NoticeTopics.mayRead(FAMILY_B, topic)).isFalse();
        assertThat(NoticeTopics.mayRead(KAKOGAWA, topic)).isFalse();
        assertThat(NoticeTopics.mayRead(PUBLIC, topic)).isFalse();
        assertThat(NoticeTopics.mayRead(null, topic)).isFalse();
    }

    @Test
    void officers_read_their_municipality_and_the_public_topic() {
        assertThat(NoticeTopics.mayRead(KAKOGAWA, "kawamori/notices/municipality/282103"))
                .isTrue();
        assertThat(NoticeTopics.mayRead(KAKOGAWA, "kawamori/notices/public")).isTrue();
        assertThat(NoticeTopics.mayRead(TAKASAGO, "kawamori/notices/municipality/282103"))
                .isFalse();
        assertThat(NoticeTopics.mayRead(PUBLIC, "kawamori/notices/public")).isTrue();
        assertThat(NoticeTopics.DEFAULT.readableBy(PUBLIC)).containsExactly("kawamori/notices/public");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kawamori/notices/family/+",
                "kawamori/notices/#",
                "kawamori/#",
                "#",
                "kawamori/notices/+/fam-a",
                "$share/g/kawamori/notices/family/fam-a",
                "kawamori/notices/family/fam-a/#",
                "kawamori/notices/family/fam-a/",
                ""
            })
    void wildcards_shared_subscriptions_and_near_misses_are_refused(String filter) {
        assertThat(NoticeTopics.mayRead(FAMILY_A, filter)).isFalse();
        assertThat(NoticeTopics.mayRead(KAKOGAWA, filter)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/kawamori", "kawamori/", "kawamori/+/x", "kawamori/#", "$SYS/x", "a//b"})
    void a_root_that_is_not_a_plain_topic_is_refused(String root) {
        assertThatThrownBy(() -> new NoticeTopics(root)).isInstanceOf(IllegalArgumentException.class);
    }
}
