package io.jakamoconnector.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Safe XML reading and writing. Parsing refuses any DOCTYPE (so no entity expansion and no external fetch) and
 * compares element names by local name only: Jakamo's own sample puts an OrderResponse in the Order-2 namespace, so
 * namespaces are not checked (lenient on input).
 */
final class Xml {
    static final String NS_ORDER = "urn:oasis:names:specification:ubl:schema:xsd:Order-2";
    static final String NS_ORDER_CHANGE = "urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2";
    static final String NS_ORDER_RESPONSE = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2";
    static final String NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    /** A posted body that is not well-formed XML. */
    static final class NotWellFormed extends Exception {
        private static final long serialVersionUID = 1L;

        NotWellFormed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Xml() {
    }

    static Document parse(byte[] bytes) throws NotWellFormed {
        if (bytes.length == 0) {
            throw new NotWellFormed("the body is empty", null);
        }
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {   // the default handler prints to stderr
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not make a document unusable
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new NotWellFormed("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new NotWellFormed(e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard security feature", e);
        }
    }

    static Document newDocument() {
        try {
            return secureFactory().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            document.setXmlStandalone(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize a DOM the sandbox built itself", e);
        }
    }

    static String rootName(Document document) {
        return localName(document.getDocumentElement());
    }

    static String localName(Node node) {
        String name = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && localName.equals(localName(child))) {
                result.add((Element) child);
            }
        }
        return result;
    }

    static Optional<Element> child(Element parent, String... path) {
        Element current = parent;
        for (String step : path) {
            List<Element> next = children(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get(0);
        }
        return Optional.of(current);
    }

    /** The trimmed text at a path of child elements, if present and not blank. */
    static Optional<String> text(Element parent, String... path) {
        return child(parent, path).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
    }

    /**
     * The buyer's order number (or claim number) of a document, by root: {@code cbc:ID} for Order, OrderChange,
     * Claim and ClaimChange; {@code cac:OrderReference/cbc:ID} for OrderResponse; {@code OrderID} for StatusMessage
     * ({@code ClaimID} for a claim's).
     */
    static Optional<String> documentNumber(Document document, boolean claim) {
        Element root = document.getDocumentElement();
        return switch (localName(root)) {
            case "Order", "OrderChange", "Claim", "ClaimChange" -> text(root, "ID");
            case "OrderResponse" -> text(root, "OrderReference", "ID");
            case "StatusMessage" -> claim ? text(root, "ClaimID").or(() -> text(root, "ID")) : text(root, "OrderID");
            case "ClaimResponse" -> text(root, "ClaimID");
            case "attachment" -> text(root, "OrderID");
            default -> Optional.empty();
        };
    }

    /** Escapes text content (not attribute values: quotes stay as they are). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
