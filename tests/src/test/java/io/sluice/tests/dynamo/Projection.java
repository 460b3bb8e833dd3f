package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.tests.dynamo.ExpressionTokenizer.Type;
import java.util.ArrayList;
import java.util.List;

/** The attributes a read returns: the paths of a ProjectionExpression or the names of legacy AttributesToGet. */
final class Projection {

    private final List<DocumentPath> paths;

    private Projection(List<DocumentPath> paths) {
        this.paths = paths;
    }

    /** The request's projection, or null when it asks for whole items. */
    static Projection of(JsonNode request, ExpressionContext context) {
        boolean expression = Json.has(request, "ProjectionExpression");
        boolean legacy = Json.has(request, "AttributesToGet");
        if (expression && legacy) {
            throw DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                    + "{ProjectionExpression}");
        }
        List<DocumentPath> paths = new ArrayList<>();
        if (legacy) {
            Json.array(request, "AttributesToGet").forEach(name -> paths.add(DocumentPath.attribute(name.asText())));
            return new Projection(paths);
        }
        if (!expression) {
            return null;
        }
        ExpressionReader in = new ExpressionReader(request.get("ProjectionExpression").asText(),
                "ProjectionExpression", context);
        do {
            paths.add(in.path());
        } while (in.accept(Type.COMMA));
        in.expectEnd();
        return new Projection(paths);
    }

    /** Applies {@code projection} (null keeps everything) to a copy of the item. */
    static ObjectNode apply(Projection projection, ObjectNode item) {
        if (projection == null) {
            return item.deepCopy();
        }
        ObjectNode projected = Json.object();
        projection.paths.forEach(path -> path.copy(item, projected));
        return projected;
    }
}
