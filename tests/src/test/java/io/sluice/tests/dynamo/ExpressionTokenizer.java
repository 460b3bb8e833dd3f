package io.sluice.tests.dynamo;

import java.util.ArrayList;
import java.util.List;

/** Splits a DynamoDB expression into tokens: names, #name and :value placeholders, numbers and punctuation. */
final class ExpressionTokenizer {

    /** The kinds of token. */
    enum Type {
        NAME, NAME_REF, VALUE_REF, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, PLUS, MINUS,
        EQ, NE, LT, LE, GT, GE, END
    }

    /** One token with its text and its offset in the expression. */
    record Token(Type type, String text, int position) {}

    private ExpressionTokenizer() {}

    static List<Token> tokenize(String expression, String kind) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == ':') {
                i = wordEnd(expression, i + 1);
                if (i == start + 1) {
                    throw syntaxError(kind, expression, String.valueOf(c), start);
                }
                tokens.add(new Token(c == '#' ? Type.NAME_REF : Type.VALUE_REF, expression.substring(start, i), start));
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                i = wordEnd(expression, i);
                tokens.add(new Token(Type.NAME, expression.substring(start, i), start));
                continue;
            }
            if (Character.isDigit(c)) {
                while (i < n && Character.isDigit(expression.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Type.NUMBER, expression.substring(start, i), start));
                continue;
            }
            Type type;
            int length = 1;
            char next = i + 1 < n ? expression.charAt(i + 1) : 0;
            switch (c) {
                case '(' -> type = Type.LPAREN;
                case ')' -> type = Type.RPAREN;
                case '[' -> type = Type.LBRACKET;
                case ']' -> type = Type.RBRACKET;
                case ',' -> type = Type.COMMA;
                case '.' -> type = Type.DOT;
                case '+' -> type = Type.PLUS;
                case '-' -> type = Type.MINUS;
                case '=' -> type = Type.EQ;
                case '<' -> {
                    if (next == '=') {
                        type = Type.LE;
                        length = 2;
                    } else if (next == '>') {
                        type = Type.NE;
                        length = 2;
                    } else {
                        type = Type.LT;
                    }
                }
                case '>' -> {
                    if (next == '=') {
                        type = Type.GE;
                        length = 2;
                    } else {
                        type = Type.GT;
                    }
                }
                default -> throw syntaxError(kind, expression, String.valueOf(c), start);
            }
            tokens.add(new Token(type, expression.substring(start, start + length), start));
            i += length;
        }
        tokens.add(new Token(Type.END, "<EOF>", n));
        return tokens;
    }

    static DynamoException syntaxError(String kind, String expression, String token, int position) {
        int from = Math.max(0, position - 10);
        int to = Math.min(expression.length(), position + Math.max(token.length(), 1) + 10);
        return DynamoException.validation("Invalid " + kind + ": Syntax error; token: \"" + token + "\", near: \""
                + expression.substring(from, to) + "\"");
    }

    private static int wordEnd(String expression, int i) {
        while (i < expression.length()
                && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}
