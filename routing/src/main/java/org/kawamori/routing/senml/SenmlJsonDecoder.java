package org.kawamori.routing.senml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes SenML JSON (RFC 8428 §5, content-format 110): a JSON array of flat objects whose values are
 * strings, numbers or booleans. Duplicate keys, nesting and trailing content are refused rather than
 * guessed at.
 */
public final class SenmlJsonDecoder {

    private final ObjectMapper mapper;
    private final SenmlResolver resolver;

    public SenmlJsonDecoder(int maxRecords) {
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(4)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(64)
                        .build());
        this.resolver = new SenmlResolver(maxRecords);
    }

    public List<SenmlRecord> decode(byte[] payload, Instant now) throws SenmlException {
        return resolver.resolve(parse(payload), now);
    }

    private List<Map<String, Object>> parse(byte[] payload) throws SenmlException {
        List<Map<String, Object>> records = new ArrayList<>();
        try (JsonParser p = mapper.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new SenmlException("SenML JSON must be an array of records");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw new SenmlException("record " + records.size() + " is not a JSON object");
                }
                records.add(readRecord(p, records.size()));
            }
            if (p.nextToken() != null) {
                throw new SenmlException("there is content after the SenML array");
            }
        } catch (JsonProcessingException e) {
            throw new SenmlException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SenmlException("unreadable payload: " + e.getMessage());
        }
        return records;
    }

    private static Map<String, Object> readRecord(JsonParser p, int index) throws IOException, SenmlException {
        Map<String, Object> record = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (value) {
                case VALUE_STRING -> record.put(key, p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> record.put(key, p.getDoubleValue());
                case VALUE_TRUE -> record.put(key, Boolean.TRUE);
                case VALUE_FALSE -> record.put(key, Boolean.FALSE);
                default ->
                    throw new SenmlException(
                            "record " + index + " field '" + key + "' is not a string, number or boolean");
            }
        }
        return record;
    }
}
