package io.jakamoconnector.domain.model.document;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a document as {@link DocumentReader#readElements} found it: where it is (line and column of its start
 * tag, and a path such as {@code /Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity}), its namespace, its attributes
 * by local name, its own text (stripped) and its child elements in document order. For checks that must say where a
 * problem is, not only that there is one.
 */
public record LocatedElement(String namespace, String localName, String path, int line, int column,
                             Map<String, String> attributes, String text, List<LocatedElement> children) {
    public LocatedElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The child elements with this local name, whatever their namespace (lenient on input, as Jakamo's connector). */
    public List<LocatedElement> children(String name) {
        return children.stream().filter(c -> c.localName.equals(name)).toList();
    }

    /** The first child element with this local name. */
    public Optional<LocatedElement> child(String name) {
        return children.stream().filter(c -> c.localName.equals(name)).findFirst();
    }

    /** The element at this path of local names below this one, taking the first at each step. */
    public Optional<LocatedElement> find(String... names) {
        Optional<LocatedElement> at = Optional.of(this);
        for (String name : names) {
            at = at.flatMap(e -> e.child(name));
        }
        return at;
    }

    /** This element and every element below it, in document order. */
    public List<LocatedElement> descendantsAndSelf() {
        List<LocatedElement> all = new java.util.ArrayList<>();
        java.util.ArrayDeque<LocatedElement> todo = new java.util.ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            LocatedElement e = todo.pop();
            all.add(e);
            for (int i = e.children.size() - 1; i >= 0; i--) {
                todo.push(e.children.get(i));
            }
        }
        return all;
    }
}
