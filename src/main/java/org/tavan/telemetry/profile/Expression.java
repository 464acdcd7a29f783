package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic over the measurements of one frame, for derived measurements such as
 * {@code left + right} or {@code (force_n / 9.80665) * 1000}: numbers, names, {@code + - * /},
 * parentheses, unary minus and the functions abs, min, max, sqrt. Nothing else — no variables
 * assigned, no loops, no calls out — so a profile file stays data, never a program. Parsed once
 * when the profile loads; evaluating is a walk of the tree.
 */
final class Expression {

    /** Why an expression text is not one, and where. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private sealed interface Node permits Num, Name, Neg, Bin, Call {
    }

    private record Num(double value) implements Node {
    }

    private record Name(String name) implements Node {
    }

    private record Neg(Node operand) implements Node {
    }

    private record Bin(char op, Node left, Node right) implements Node {
    }

    private record Call(String function, List<Node> args) implements Node {
    }

    private static final Set<String> FUNCTIONS = Set.of("abs", "min", "max", "sqrt");
    private static final int MAX_LENGTH = 500;
    private static final int MAX_DEPTH = 32;

    private final String text;
    private final Node root;
    private final Set<String> names;

    private Expression(String text, Node root, Set<String> names) {
        this.text = text;
        this.root = root;
        this.names = names;
    }

    static Expression parse(String text) throws Invalid {
        if (text.length() > MAX_LENGTH) {
            throw new Invalid("is longer than " + MAX_LENGTH + " characters");
        }
        Parser p = new Parser(text);
        Node root = p.sum(0);
        p.skipSpaces();
        if (p.at < text.length()) {
            throw new Invalid("unexpected '" + text.charAt(p.at) + "' at character " + (p.at + 1));
        }
        return new Expression(text, root, Set.copyOf(p.names));
    }

    /** The measurement names the expression reads. */
    Set<String> names() {
        return names;
    }

    /** The value, or NaN when a name has no value in this frame; may be infinite (division by zero). */
    double evaluate(Map<String, Double> values) {
        return eval(root, values);
    }

    private static double eval(Node n, Map<String, Double> values) {
        if (n instanceof Num num) {
            return num.value();
        }
        if (n instanceof Name name) {
            return values.getOrDefault(name.name(), Double.NaN);
        }
        if (n instanceof Neg neg) {
            return -eval(neg.operand(), values);
        }
        if (n instanceof Bin bin) {
            double a = eval(bin.left(), values);
            double b = eval(bin.right(), values);
            return switch (bin.op()) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> a / b;
            };
        }
        Call call = (Call) n;
        double a = eval(call.args().get(0), values);
        return switch (call.function()) {
            case "abs" -> Math.abs(a);
            case "sqrt" -> Math.sqrt(a);
            case "min" -> Math.min(a, eval(call.args().get(1), values));
            default -> Math.max(a, eval(call.args().get(1), values));
        };
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int at;
        private final Set<String> names = new LinkedHashSet<>();

        Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }

        private boolean eat(char c) {
            skipSpaces();
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        Node sum(int depth) throws Invalid {
            Node left = product(depth);
            while (true) {
                if (eat('+')) {
                    left = new Bin('+', left, product(depth));
                } else if (eat('-')) {
                    left = new Bin('-', left, product(depth));
                } else {
                    return left;
                }
            }
        }

        private Node product(int depth) throws Invalid {
            Node left = unary(depth);
            while (true) {
                if (eat('*')) {
                    left = new Bin('*', left, unary(depth));
                } else if (eat('/')) {
                    left = new Bin('/', left, unary(depth));
                } else {
                    return left;
                }
            }
        }

        private Node unary(int depth) throws Invalid {
            if (depth > MAX_DEPTH) {
                throw new Invalid("is nested more than " + MAX_DEPTH + " deep");
            }
            if (eat('-')) {
                return new Neg(unary(depth + 1));
            }
            return atom(depth);
        }

        private Node atom(int depth) throws Invalid {
            skipSpaces();
            if (at >= s.length()) {
                throw new Invalid("ends where a number, a name or '(' is expected");
            }
            char c = s.charAt(at);
            if (eat('(')) {
                Node inner = sum(depth + 1);
                if (!eat(')')) {
                    throw new Invalid("misses ')' at character " + (at + 1));
                }
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = at;
                while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.')) {
                    at++;
                }
                try {
                    return new Num(Double.parseDouble(s.substring(start, at)));
                } catch (NumberFormatException e) {
                    throw new Invalid("has a bad number '" + s.substring(start, at) + "' at character " + (start + 1));
                }
            }
            if (Character.isLetter(c)) {
                int start = at;
                while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_' || s.charAt(at) == '.')) {
                    at++;
                }
                String word = s.substring(start, at);
                if (eat('(')) {
                    if (!FUNCTIONS.contains(word)) {
                        throw new Invalid("calls '" + word + "'; the functions are abs, min, max and sqrt");
                    }
                    List<Node> args = new ArrayList<>();
                    args.add(sum(depth + 1));
                    while (eat(',')) {
                        args.add(sum(depth + 1));
                    }
                    if (!eat(')')) {
                        throw new Invalid("misses ')' after the arguments of " + word);
                    }
                    int wanted = word.equals("min") || word.equals("max") ? 2 : 1;
                    if (args.size() != wanted) {
                        throw new Invalid(word + " takes " + wanted + " argument" + (wanted == 1 ? "" : "s"));
                    }
                    return new Call(word, List.copyOf(args));
                }
                names.add(word);
                return new Name(word);
            }
            throw new Invalid("unexpected '" + c + "' at character " + (at + 1));
        }
    }
}
