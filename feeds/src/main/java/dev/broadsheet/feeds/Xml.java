package dev.broadsheet.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A streaming XML writer (StAX) that passes every text and attribute value through {@link
 * Text#clean}: the writer escapes markup, this drops what XML cannot carry, so what it writes is
 * well-formed whatever articles hold. Elements are written with prefixes bound at the root.
 */
final class Xml implements AutoCloseable {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final XMLStreamWriter w;

  Xml(OutputStream out) {
    try {
      w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** Opens the root element and declares {@code namespaces}: prefix, URI pairs ("" for the default). */
  Xml root(String name, String... namespaces) {
    try {
      w.writeStartElement(name);
      for (int i = 0; i < namespaces.length; i += 2) {
        if (namespaces[i].isEmpty()) {
          w.writeDefaultNamespace(namespaces[i + 1]);
        } else {
          w.writeNamespace(namespaces[i], namespaces[i + 1]);
        }
      }
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** Opens an element; {@code name} may carry a prefix bound at the root ({@code news:news}). */
  Xml start(String name) {
    try {
      w.writeStartElement(name);
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  Xml attr(String name, String value) {
    try {
      w.writeAttribute(name, Text.clean(value));
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  Xml text(String value) {
    try {
      w.writeCharacters(Text.clean(value));
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** An element holding only text. */
  Xml element(String name, String value) {
    return start(name).text(value).end();
  }

  /** An element without content, with attribute name, value pairs. */
  Xml empty(String name, String... attributes) {
    try {
      w.writeEmptyElement(name);
      for (int i = 0; i < attributes.length; i += 2) {
        w.writeAttribute(attributes[i], Text.clean(attributes[i + 1]));
      }
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  Xml end() {
    try {
      w.writeEndElement();
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** A line break between elements, for people reading the file. */
  Xml newline() {
    try {
      w.writeCharacters("\n");
      return this;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** Closes every open element and flushes; the stream stays open. */
  @Override
  public void close() {
    try {
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  private static UncheckedIOException failed(XMLStreamException e) {
    return new UncheckedIOException(new IOException("cannot write XML: " + e.getMessage(), e));
  }
}
