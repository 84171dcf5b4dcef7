package org.kawamori.notify.mail;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.kawamori.core.Alert;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Notice;

/** The subject and plain-text body of a notice mail: Japanese first (time in Asia/Tokyo), then English (UTC). */
final class MailText {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private MailText() {}

    static String subject(String prefix, Notice notice) {
        return prefix + notice.titleJa();
    }

    static String body(Notice notice) {
        StringBuilder text = new StringBuilder();
        text.append(notice.titleJa()).append("\n\n");
        text.append("日時: ").append(JA_TIME.format(notice.at().atZone(TOKYO))).append("（日本時間）\n");
        text.append("重要度: ").append(severityJa(notice.severity())).append('\n');
        text.append("状況: ").append(transitionJa(notice.transition())).append('\n');
        facts(text, "詳細", notice.facts());
        text.append("通知番号: ").append(notice.key()).append("\n\n");
        text.append("---- English ----\n\n");
        text.append(notice.titleEn()).append("\n\n");
        text.append("Time: ")
                .append(EN_TIME.format(notice.at().atOffset(ZoneOffset.UTC)))
                .append(" UTC\n");
        text.append("Severity: ")
                .append(notice.severity().name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        text.append("Transition: ")
                .append(notice.transition().name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        facts(text, "Details", notice.facts());
        text.append("Notice key: ").append(notice.key()).append('\n');
        return text.toString();
    }

    private static void facts(StringBuilder text, String heading, Map<String, String> facts) {
        if (facts.isEmpty()) {
            return;
        }
        text.append(heading).append(":\n");
        new TreeMap<>(facts)
                .forEach((k, v) ->
                        text.append("  ").append(k).append(": ").append(v).append('\n'));
    }

    static String severityJa(Alert.Severity severity) {
        return switch (severity) {
            case INFO -> "情報";
            case WARNING -> "警戒";
            case CRITICAL -> "緊急";
        };
    }

    static String transitionJa(AlertTransition transition) {
        return switch (transition) {
            case OPENED -> "発生";
            case ESCALATED -> "引き上げ";
            case DEESCALATED -> "引き下げ";
            case REMINDER -> "再通知（未確認）";
            case ACKNOWLEDGED -> "確認済み";
            case CLEARED -> "解除";
        };
    }
}
