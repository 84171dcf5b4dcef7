package org.kawamori.deploy.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads manifests into fabric8's Kubernetes object model (generated from the Kubernetes OpenAPI) as
 * strictly as the API server's strict field validation: an unknown or misspelt field, or a value of
 * the wrong JSON type (a quoted number for an integer, a number for a string), is an error. The model
 * keeps unknown fields in "additional properties" ({@code @JsonAnySetter}); that is turned off here,
 * so they fail as unknown properties.
 */
final class KubernetesObjects {

    /** The kinds the deployment uses, by apiVersion and kind. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private static final JsonMapper STRICT = strictMapper();

    private KubernetesObjects() {}

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return Boolean.FALSE;
                    }
                })
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A problem of one document: the file, the document's position and what is wrong. */
    record Problem(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /** The objects of one file, or what keeps each document from being one. */
    static List<HasMetadata> read(String file, List<JsonNode> documents, List<Problem> problems) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            String where = file + "#" + (i + 1) + " " + document.path("kind").asText("?") + " "
                    + document.path("metadata").path("name").asText("?");
            Class<? extends HasMetadata> kind = KINDS.get(document.path("apiVersion")
                            .asText() + "/" + document.path("kind").asText());
            if (kind == null) {
                problems.add(new Problem(
                        where,
                        "apiVersion/kind " + document.path("apiVersion").asText() + "/"
                                + document.path("kind").asText() + " is not one the deployment uses"));
                continue;
            }
            try {
                objects.add(STRICT.treeToValue(document, kind));
            } catch (JsonProcessingException e) {
                problems.add(new Problem(where, e.getOriginalMessage() + " at " + path(e)));
            }
        }
        return objects;
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (var reference : mapping.getPath()) {
                path.append(
                        reference.getFieldName() != null
                                ? "." + reference.getFieldName()
                                : "[" + reference.getIndex() + "]");
            }
            return path.length() == 0 ? "(top)" : path.toString();
        }
        return "(unknown place)";
    }
}
