package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.tests.dynamo.ExpressionTokenizer.Token;
import io.sluice.tests.dynamo.ExpressionTokenizer.Type;
import java.util.ArrayList;
import java.util.List;

/** A cursor over the tokens of one expression, with the path and placeholder rules shared by every expression kind. */
final class ExpressionReader {

    private final String expression;
    private final String kind;
    private final ExpressionContext context;
    private final List<Token> tokens;
    private int position;

    ExpressionReader(String expression, String kind, ExpressionContext context) {
        this.expression = expression;
        this.kind = kind;
        this.context = context;
        this.tokens = ExpressionTokenizer.tokenize(expression, kind);
        if (tokens.size() == 1) {
            throw DynamoException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
    }

    String kind() {
        return kind;
    }

    Token peek() {
        return tokens.get(position);
    }

    Token next() {
        Token token = tokens.get(position);
        if (token.type() != Type.END) {
            position++;
        }
        return token;
    }

    boolean at(Type type) {
        return peek().type() == type;
    }

    boolean accept(Type type) {
        if (at(type)) {
            position++;
            return true;
        }
        return false;
    }

    Token expect(Type type) {
        if (!at(type)) {
            throw syntaxError();
        }
        return next();
    }

    /** Whether the next token is the bare word {@code keyword} (any case). */
    boolean atKeyword(String keyword) {
        return at(Type.NAME) && peek().text().equalsIgnoreCase(keyword);
    }

    boolean acceptKeyword(String keyword) {
        if (atKeyword(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw syntaxError();
        }
    }

    /** Whether a call of function {@code name} starts here (whitespace before the parenthesis is allowed). */
    boolean atFunction(String name) {
        return at(Type.NAME) && peek().text().equals(name) && tokens.get(position + 1).type() == Type.LPAREN;
    }

    /** Reads a document path: name or #name, then any number of .name, .#name or [index]. */
    DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (accept(Type.DOT)) {
                elements.add(name());
            } else if (accept(Type.LBRACKET)) {
                elements.add(Integer.valueOf(expect(Type.NUMBER).text()));
                expect(Type.RBRACKET);
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    /** Reads a :value placeholder and returns the attribute value it stands for. */
    JsonNode value() {
        return context.value(expect(Type.VALUE_REF).text(), kind);
    }

    void expectEnd() {
        if (!at(Type.END)) {
            throw syntaxError();
        }
    }

    boolean atEnd() {
        return at(Type.END);
    }

    DynamoException syntaxError() {
        Token token = peek();
        return ExpressionTokenizer.syntaxError(kind, expression, token.text(), token.position());
    }

    DynamoException invalid(String detail) {
        return DynamoException.validation("Invalid " + kind + ": " + detail);
    }

    private String name() {
        Token token = peek();
        if (token.type() == Type.NAME_REF) {
            position++;
            return context.name(token.text(), kind);
        }
        if (token.type() == Type.NAME) {
            position++;
            return token.text();
        }
        throw syntaxError();
    }
}
