package io.jakamoconnector.domain.model.document;

import io.jakamoconnector.domain.model.Check;
import io.jakamoconnector.domain.model.document.UnreadableDocumentException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The project's only XML parser: every document, queue message and error body is read here, through one hardened
 * StAX factory. A DOCTYPE is refused outright (which also stops entity expansion and external fetches), the size is
 * checked before a byte is parsed, and depth and attribute counts are bounded while streaming, so a hostile document
 * costs little time and memory.
 *
 * <p>It also knows where a document keeps its business key: the buyer's order number is {@code cbc:ID} directly under
 * an Order or OrderChange root, {@code cac:OrderReference/cbc:ID} in an OrderResponse and {@code OrderID} in a
 * StatusMessage (a claim's StatusMessage carries {@code ClaimID}), and {@code OrderID} directly under the connector's
 * own {@code ConfirmAllChanges} instruction; never "the first element called ID", which in an
 * OrderChange can be a line's or a party's id.
 */
public final class DocumentReader {
    /** Jakamo documents are small; 10 MiB leaves room for large orders while bounding memory. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_DEPTH = 100;
    static final int MAX_ATTRIBUTES = 256;

    private final int maxBytes;
    private final XMLInputFactory factory;

    public DocumentReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public DocumentReader(int maxBytes) {
        Check.that(maxBytes > 0, "maxBytes", "must be positive");
        this.maxBytes = maxBytes;
        this.factory = hardenedFactory();
    }

    public int maxBytes() {
        return maxBytes;
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // the JDK's own limits, so its parser stops even before our per-element checks see the element
        setIfSupported(f, "jdk.xml.elementAttributeLimit", String.valueOf(MAX_ATTRIBUTES));
        setIfSupported(f, "jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are never resolved");
        });
        return f;
    }

    private static void setIfSupported(XMLInputFactory f, String property, String value) {
        try {
            f.setProperty(property, value);
        } catch (IllegalArgumentException notSupported) {
            // another StAX implementation: our own checks in Walk still apply
        }
    }

    /**
     * Reads at most {@link #maxBytes()} bytes from a stream, refusing early: a declared length over the cap is refused
     * before reading, and an undeclared one (-1) is counted while read, so an oversize body costs at most the cap.
     */
    public byte[] readCapped(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(total);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Classifies a document and takes its business key, checking the whole of it is well-formed. */
    public DocumentFacts read(byte[] bytes) {
        return parse(bytes, null).facts;
    }

    /** Reads and wraps the bytes as a {@link Document} in one step. */
    public Document readDocument(byte[] bytes) {
        return read(bytes).toDocument(bytes);
    }

    /** The text of every element with this local name, in document order (Jakamo's {@code <error>} bodies). */
    public List<String> textsOf(byte[] bytes, String localName) {
        return parse(bytes, localName).texts;
    }

    /**
     * The document as a tree of {@link LocatedElement}s, each with its line, column and path, for the validation rules.
     * The bytes first pass every check {@link #read} makes (size, DOCTYPE, depth, encoding), with the same refusals.
     */
    public LocatedElement readElements(byte[] bytes) {
        parse(bytes, null);
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            ElementTree tree = new ElementTree();
            while (r.hasNext()) {
                tree.on(r, r.next());
            }
            return tree.root.located("", 0);
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open by a reader over a byte array
                }
            }
        }
    }

    /** Builds the located tree in one pass; the bytes were checked by {@link #parse} already. */
    private static final class ElementTree {
        private final List<Node> open = new ArrayList<>();
        private Node root;

        void on(XMLStreamReader r, int event) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Node node = new Node(r);
                    if (open.isEmpty()) {
                        root = node;
                    } else {
                        open.get(open.size() - 1).children.add(node);
                    }
                    open.add(node);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    StringBuilder text = open.isEmpty() ? null : open.get(open.size() - 1).text;
                    if (text != null && text.length() < 4096) {
                        text.append(r.getText(), 0, Math.min(r.getTextLength(), 4096 - text.length()));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                default -> {
                    // nothing else carries content a rule looks at
                }
            }
        }

        private static final class Node {
            private final String namespace;
            private final String localName;
            private final String qualifiedName;
            private final int line;
            private final int column;
            private final Map<String, String> attributes = new HashMap<>();
            private final StringBuilder text = new StringBuilder();
            private final List<Node> children = new ArrayList<>();

            Node(XMLStreamReader r) {
                namespace = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                localName = r.getLocalName();
                String prefix = r.getPrefix();
                qualifiedName = prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
                line = r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
                column = r.getLocation() == null ? -1 : r.getLocation().getColumnNumber();
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                }
            }

            /** {@code index} counts among same-named siblings; it is written only where there are several. */
            LocatedElement located(String parentPath, int index) {
                String path = parentPath + "/" + qualifiedName + (index > 0 ? "[" + index + "]" : "");
                Map<String, Integer> total = new HashMap<>();
                children.forEach(c -> total.merge(c.qualifiedName, 1, Integer::sum));
                Map<String, Integer> seen = new HashMap<>();
                List<LocatedElement> located = new ArrayList<>();
                for (Node c : children) {
                    int n = seen.merge(c.qualifiedName, 1, Integer::sum);
                    located.add(c.located(path, total.get(c.qualifiedName) > 1 ? n : 0));
                }
                return new LocatedElement(namespace, localName, path, line, column, attributes,
                        text.toString().strip(), located);
            }
        }
    }

    private record Parsed(DocumentFacts facts, List<String> texts) {
    }

    private Parsed parse(byte[] bytes, String collectLocalName) {
        Check.notNull("document.bytes", bytes);
        if (bytes.length > maxBytes) {
            throw tooLarge(bytes.length);
        }
        if (bytes.length == 0) {
            throw new UnreadableDocumentException(Reason.EMPTY, "the document is empty (0 bytes)");
        }
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            checkEncoding(r);
            Walk walk = new Walk(collectLocalName);
            while (r.hasNext()) {
                walk.on(r, r.next());
            }
            if (walk.rootName == null) {
                throw new UnreadableDocumentException(Reason.NOT_WELL_FORMED, "the document has no root element");
            }
            return new Parsed(walk.facts(), walk.collected);
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open by a reader over a byte array
                }
            }
        }
    }

    private static void checkEncoding(XMLStreamReader r) {
        String declared = r.getCharacterEncodingScheme();
        String detected = r.getEncoding();
        for (String enc : new String[] {declared, detected}) {
            if (enc != null && !enc.equalsIgnoreCase("UTF-8") && !enc.equalsIgnoreCase("UTF8")) {
                throw new UnreadableDocumentException(Reason.NOT_WELL_FORMED,
                        "the document is encoded as " + enc.replaceAll("[^A-Za-z0-9_-]", "?")
                                + "; Jakamo documents must be UTF-8");
            }
        }
    }

    private static UnreadableDocumentException notWellFormed(XMLStreamException e) {
        String jdk = String.valueOf(e.getMessage());
        if (jdk.contains("JAXP00010002")) {   // the JDK's elementAttributeLimit
            return new UnreadableDocumentException(Reason.TOO_MANY_ATTRIBUTES,
                    "an element has more than " + MAX_ATTRIBUTES + " attributes", e);
        }
        if (jdk.contains("JAXP00010006")) {   // the JDK's maxElementDepth
            return new UnreadableDocumentException(Reason.TOO_DEEP,
                    "the document nests elements deeper than " + MAX_DEPTH + " levels", e);
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")";
        String detail = e.getMessage() == null ? "" : e.getMessage();
        // the parser's message may quote the document; keep only its first line and bound it
        int cut = detail.indexOf('\n');
        detail = detail.substring(detail.lastIndexOf("Message:") >= 0 ? detail.lastIndexOf("Message:") + 8 : 0,
                cut > 0 && cut > detail.lastIndexOf("Message:") ? cut : detail.length()).strip();
        if (detail.length() > 160) {
            detail = detail.substring(0, 160) + "…";
        }
        return new UnreadableDocumentException(Reason.NOT_WELL_FORMED,
                "the document is not well-formed XML" + where + ": " + detail.replaceAll("\\p{Cntrl}", " "), e);
    }

    private UnreadableDocumentException tooLarge(long size) {
        return new UnreadableDocumentException(Reason.TOO_LARGE,
                "the document is " + size + " bytes or more, over the limit of " + maxBytes + " bytes");
    }

    /** The state of one pass over a document. */
    private static final class Walk {
        private final String collectLocalName;
        private final List<String> collected = new ArrayList<>();
        private final List<String> path = new ArrayList<>();
        private final Map<String, String> rootAttributes = new HashMap<>();
        private final Map<String, String> childTexts = new HashMap<>();
        private final StringBuilder text = new StringBuilder();
        private String rootName;
        private String rootNamespace = "";
        private DocumentType type = DocumentType.UNKNOWN;
        private String businessKey;

        Walk(String collectLocalName) {
            this.collectLocalName = collectLocalName;
        }

        void on(XMLStreamReader r, int event) {
            switch (event) {
                case XMLStreamConstants.DTD -> throw new UnreadableDocumentException(Reason.DOCTYPE_FORBIDDEN,
                        "the document declares a DOCTYPE, which is refused (no DTDs or entities are processed)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnreadableDocumentException(
                        Reason.DOCTYPE_FORBIDDEN, "the document refers to an entity, which is refused");
                case XMLStreamConstants.START_ELEMENT -> start(r);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() < 4096) {
                        text.append(r.getText(), 0, Math.min(r.getTextLength(), 4096 - text.length()));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> end();
                default -> {
                    // comments, processing instructions and the document's start and end carry nothing we need
                }
            }
        }

        private void start(XMLStreamReader r) {
            if (path.size() >= MAX_DEPTH) {
                throw new UnreadableDocumentException(Reason.TOO_DEEP,
                        "the document nests elements deeper than " + MAX_DEPTH + " levels");
            }
            if (r.getAttributeCount() > MAX_ATTRIBUTES) {
                throw new UnreadableDocumentException(Reason.TOO_MANY_ATTRIBUTES,
                        "an element has more than " + MAX_ATTRIBUTES + " attributes");
            }
            String name = r.getLocalName();
            path.add(name);
            text.setLength(0);
            if (path.size() == 1) {
                rootName = name;
                rootNamespace = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                type = DocumentType.ofRoot(name);
                for (int i = 0; i < r.getAttributeCount(); i++) {
                    rootAttributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                }
            }
        }

        private void end() {
            String name = path.get(path.size() - 1);
            String value = text.toString().strip();
            int depth = path.size();
            if (depth == 2) {
                childTexts.putIfAbsent(name, value);
            }
            if (depth == 1 && childTexts.isEmpty()) {
                childTexts.put("", value);
            }
            if (businessKey == null && !value.isEmpty() && isBusinessKey(name, depth)) {
                businessKey = value;
            }
            if (name.equals(collectLocalName)) {
                collected.add(value);
            }
            path.remove(path.size() - 1);
            text.setLength(0);
        }

        private boolean isBusinessKey(String name, int depth) {
            return switch (type) {
                case ORDER, ORDER_CHANGE, CLAIM, CLAIM_CHANGE -> depth == 2 && name.equals("ID");
                case ORDER_RESPONSE -> depth == 3 && name.equals("ID") && path.get(1).equals("OrderReference");
                case STATUS_MESSAGE -> name.equals("OrderID") || name.equals("ClaimID");
                case ATTACHMENT -> name.equals("OrderID");
                case CLAIM_RESPONSE -> depth == 2 && name.equals("ClaimID");
                case CONFIRM_ALL_CHANGES -> depth == 2 && name.equals("OrderID");
                case UNKNOWN -> false;
            };
        }

        DocumentFacts facts() {
            Optional<BusinessKey> key = Optional.empty();
            if (businessKey != null) {
                try {
                    key = Optional.of(new BusinessKey(businessKey));
                } catch (IllegalArgumentException e) {
                    throw new UnreadableDocumentException(Reason.MISSING_BUSINESS_KEY,
                            "the " + type.label() + "'s order number is not usable: " + e.getMessage());
                }
            }
            return new DocumentFacts(type, rootName, rootNamespace, key, rootAttributes, childTexts);
        }
    }
}
