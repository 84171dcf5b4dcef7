package org.kawamori.timeseries;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps of text to text as {@code jsonb} objects (alert details, facts, rule parameters), without a JSON
 * library: written as a flat {@code text[]} of keys and values through {@code jsonb_object(?::text[])},
 * read back through {@link #column(String)}, which turns the object into the same flat array.
 */
final class TextMaps {

    /** The SQL of a written map: bind the parameter with {@link #set}. */
    static final String PARAMETER = "jsonb_object(?::text[])";

    private TextMaps() {}

    /**
     * The select-list expression that reads the jsonb object in {@code column} (a column name of the
     * statement, never a value) as a flat array of keys and values, keys in order.
     */
    static String column(String column) {
        return "array(select kv from jsonb_each_text(" + column + ") e"
                + " cross join lateral unnest(array[e.key, e.value]) with ordinality u(kv, n)"
                + " order by e.key, u.n)";
    }

    static void set(PreparedStatement statement, int index, Map<String, String> map) throws SQLException {
        String[] flat = new String[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
        }
        statement.setArray(index, statement.getConnection().createArrayOf("text", flat));
    }

    static Map<String, String> get(ResultSet rows, String label) throws SQLException {
        Array array = rows.getArray(label);
        if (array == null) {
            return Map.of();
        }
        String[] flat = (String[]) array.getArray();
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.length; i += 2) {
            map.put(flat[i], flat[i + 1]);
        }
        return map;
    }
}
