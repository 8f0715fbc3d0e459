package dev.broadsheet.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.broadsheet.Facets;
import dev.broadsheet.Sentiment;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Facets} as {@link FacetsSerializer} writes them, each facet's order kept. */
final class FacetsDeserializer extends StdDeserializer<Facets> {
  private static final long serialVersionUID = 1L;

  FacetsDeserializer() {
    super(Facets.class);
  }

  @Override
  public Facets deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      t = p.nextToken();
    } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
      return (Facets) ctxt.handleUnexpectedToken(Facets.class, p);
    }
    Integer total = null;
    Map<String, Integer> categories = new LinkedHashMap<>();
    Map<String, Integer> tags = new LinkedHashMap<>();
    Map<String, Integer> sentimentNames = new LinkedHashMap<>();
    Map<String, Integer> langs = new LinkedHashMap<>();
    Map<String, Integer> sources = new LinkedHashMap<>();
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "total" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            ctxt.reportInputMismatch(this, "total must be a whole number, was %s", ArticleReader.kind(value));
          }
          total = p.getIntValue();
        }
        case "categories" -> counts(p, ctxt, name, categories);
        case "tags" -> counts(p, ctxt, name, tags);
        case "sentiments" -> counts(p, ctxt, name, sentimentNames);
        case "langs" -> counts(p, ctxt, name, langs);
        case "sources" -> counts(p, ctxt, name, sources);
        default -> handleUnknownProperty(p, ctxt, Facets.class, name);
      }
    }
    if (total == null) {
      ctxt.reportInputMismatch(this, "facets have a total");
    }
    Map<Sentiment, Integer> sentiments = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : sentimentNames.entrySet()) {
      Sentiment s = Sentiment.parse(e.getKey()).orElse(null);
      if (s == null) {
        ctxt.reportInputMismatch(this, "sentiments has the value '%s', which is no sentiment", e.getKey());
      }
      sentiments.put(s, e.getValue());
    }
    return new Facets(total, categories, tags, sentiments, langs, sources);
  }

  /** {@code [{"value": "...", "count": n}, ...]} into {@code out}, in order. */
  private void counts(JsonParser p, DeserializationContext ctxt, String facet, Map<String, Integer> out)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      ctxt.reportInputMismatch(this, "%s must be an array of {value, count} objects, was %s",
          facet, ArticleReader.kind(p.currentToken()));
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        ctxt.reportInputMismatch(this, "%s must be an array of {value, count} objects; an item is %s",
            facet, ArticleReader.kind(p.currentToken()));
      }
      String value = null;
      Integer count = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("value") && v == JsonToken.VALUE_STRING) {
          value = p.getText();
        } else if (name.equals("count") && v == JsonToken.VALUE_NUMBER_INT) {
          count = p.getIntValue();
        } else if (name.equals("value") || name.equals("count")) {
          ctxt.reportInputMismatch(this, "%s: %s has the wrong type, %s", facet, name, ArticleReader.kind(v));
        } else {
          handleUnknownProperty(p, ctxt, Facets.class, name);
        }
      }
      if (value == null || count == null) {
        ctxt.reportInputMismatch(this, "%s: each item has a value and a count", facet);
      }
      out.put(value, count);
    }
  }
}
