package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.kawamori.core.TagId;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * Reads the body of {@code PUT /api/v1/family/tags/{tag}/rules}: {@code {"rules": [{"kind": "gate-pass",
 * "params": {"place": "school", "lat": "34.76", …}}]}}. Only the shape is checked here (an array of at
 * most {@value #MAX_RULES} rules, each a kind and text parameters of bounded size); what the kinds and
 * parameters mean is checked by the alert engine behind {@code FamilyWatch}. The rows are the caller's
 * family's, whatever the body says.
 */
final class FamilyRules {

    static final int MAX_RULES = 20;
    static final int MAX_PARAMS = 16;
    static final int MAX_VALUE = 200;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    static final String SHAPE = "send {\"rules\": [{\"kind\": \"gate-pass\" | \"not-seen\" | \"near-flood\","
            + " \"params\": {\"<name>\": \"<value>\"}}]}";

    private FamilyRules() {}

    /**
     * The rows; {@link Refused} naming each bad rule by its index, or {@link Shape} when the body is not
     * a list of rules at all.
     */
    static List<WatchRuleRow> read(JsonNode body, TagId tag, Principal.FamilyMember family) {
        JsonNode rules = body.get("rules");
        if (rules == null || !rules.isArray() || body.size() != 1) {
            throw new Shape(SHAPE);
        }
        if (rules.size() > MAX_RULES) {
            throw new Shape("at most " + MAX_RULES + " rules per tag");
        }
        Map<Integer, String> problems = new TreeMap<>();
        List<WatchRuleRow> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                rows.add(row(rules.get(i), tag, family));
            } catch (IllegalArgumentException e) {
                problems.put(i, e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return rows;
    }

    private static WatchRuleRow row(JsonNode rule, TagId tag, Principal.FamilyMember family) {
        if (!rule.isObject()) {
            throw new IllegalArgumentException("a rule must be an object with \"kind\" and \"params\"");
        }
        JsonNode kind = rule.get("kind");
        if (kind == null || !kind.isTextual() || !NAME.matcher(kind.asText()).matches()) {
            throw new IllegalArgumentException("\"kind\" must be gate-pass, not-seen or near-flood");
        }
        JsonNode params = rule.path("params");
        if (params.isMissingNode() || params.isNull()) {
            return new WatchRuleRow(0, tag, family.family(), family.municipality(), kind.asText(), Map.of());
        }
        if (!params.isObject()) {
            throw new IllegalArgumentException("\"params\" must be an object of names and values");
        }
        if (params.size() > MAX_PARAMS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMS + " parameters");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = params.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!NAME.matcher(member.getKey()).matches()) {
                throw new IllegalArgumentException("a parameter name must be lower-case letters, digits and '-'");
            }
            JsonNode value = member.getValue();
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw new IllegalArgumentException(
                        "parameter '" + member.getKey() + "' must be a string, number or boolean");
            }
            String text = value.asText().strip();
            if (text.length() > MAX_VALUE) {
                throw new IllegalArgumentException(
                        "parameter '" + member.getKey() + "' is longer than " + MAX_VALUE + " characters");
            }
            values.put(member.getKey(), text);
        }
        return new WatchRuleRow(0, tag, family.family(), family.municipality(), kind.asText(), values);
    }

    /** Some rules cannot be read: each problem by the rule's index, safe to show to the family. */
    static final class Refused extends RuntimeException {
        private final SortedMap<Integer, String> problems;

        Refused(Map<Integer, String> problems) {
            super("refused watch rules", null, false, false);
            this.problems = Collections.unmodifiableSortedMap(new TreeMap<>(problems));
        }

        SortedMap<Integer, String> problems() {
            return problems;
        }
    }

    /** The body is not a list of rules. */
    static final class Shape extends RuntimeException {
        Shape(String detail) {
            super(detail, null, false, false);
        }
    }
}
