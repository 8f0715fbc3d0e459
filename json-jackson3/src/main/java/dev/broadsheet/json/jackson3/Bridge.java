package dev.broadsheet.json.jackson3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.broadsheet.json.BroadsheetModule.Bodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;

/**
 * Carries values between Jackson 3 and the Jackson 2 module that holds Broadsheet's JSON shape:
 * a value is written by Jackson 2 into a token buffer whose tokens are replayed into the Jackson
 * 3 generator, and a value read is copied token by token from the Jackson 3 parser into a token
 * buffer that Jackson 2 reads.
 */
final class Bridge {
  private final ObjectMapper mapper;

  Bridge(Bodies bodies) {
    this.mapper = JsonMapper.builder()
        .addModule(dev.broadsheet.json.BroadsheetModule.builder().bodies(bodies).build())
        .build();
  }

  /** Writes {@code value} as Broadsheet's JSON module does, into {@code gen}. */
  void write(Object value, JsonGenerator gen) {
    TokenBuffer tokens = new TokenBuffer(mapper, false);
    try {
      mapper.writeValue(tokens, value);
      try (com.fasterxml.jackson.core.JsonParser p = tokens.asParser()) {
        replay(p, gen);
      }
    } catch (IOException e) {
      // A token buffer does no I/O; what fails is a value Jackson 2 cannot write.
      throw DatabindException.from(gen, "cannot write " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the value the parser stands on as {@code type}, with Broadsheet's JSON module.
   *
   * @throws dev.broadsheet.InvalidArticleException with every problem of an article
   */
  <T> T read(JsonParser p, com.fasterxml.jackson.databind.JavaType type) {
    TokenBuffer tokens = new TokenBuffer(mapper, false);
    try {
      copy(p, tokens);
      try (com.fasterxml.jackson.core.JsonParser in = tokens.asParser()) {
        return mapper.readValue(in, type);
      }
    } catch (JsonProcessingException e) {
      throw DatabindException.from(p, e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson 2's type for {@code raw} with {@code items}, for pages. */
  com.fasterxml.jackson.databind.JavaType type(Class<?> raw, Class<?>... items) {
    return items.length == 0
        ? mapper.constructType(raw)
        : mapper.getTypeFactory().constructParametricType(raw, items);
  }

  /** Every token of Jackson 2's buffer, written by the Jackson 3 generator. */
  private static void replay(com.fasterxml.jackson.core.JsonParser p, JsonGenerator gen) throws IOException {
    for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
      switch (t) {
        case START_OBJECT -> gen.writeStartObject();
        case END_OBJECT -> gen.writeEndObject();
        case START_ARRAY -> gen.writeStartArray();
        case END_ARRAY -> gen.writeEndArray();
        case FIELD_NAME -> gen.writeName(p.currentName());
        case VALUE_STRING -> gen.writeString(p.getText());
        case VALUE_NUMBER_INT -> {
          switch (p.getNumberType()) {
            case INT -> gen.writeNumber(p.getIntValue());
            case LONG -> gen.writeNumber(p.getLongValue());
            default -> gen.writeNumber(p.getBigIntegerValue());
          }
        }
        case VALUE_NUMBER_FLOAT -> {
          switch (p.getNumberType()) {
            case FLOAT -> gen.writeNumber(p.getFloatValue());
            case BIG_DECIMAL -> gen.writeNumber(p.getDecimalValue());
            default -> gen.writeNumber(p.getDoubleValue());
          }
        }
        case VALUE_TRUE -> gen.writeBoolean(true);
        case VALUE_FALSE -> gen.writeBoolean(false);
        case VALUE_NULL -> gen.writeNull();
        default -> throw new IllegalStateException("Broadsheet's JSON holds no " + t);
      }
    }
  }

  /** The value the Jackson 3 parser stands on, whole, into Jackson 2's buffer; leaves the parser on its last token. */
  private static void copy(JsonParser p, TokenBuffer out) throws IOException {
    int depth = 0;
    JsonToken t = p.currentToken();
    if (t == JsonToken.PROPERTY_NAME) {
      // Called on an object's first property (polymorphic handling does that): the object began earlier.
      out.writeStartObject();
      depth = 1;
    }
    for (; t != null; t = p.nextToken()) {
      switch (t) {
        case START_OBJECT -> {
          out.writeStartObject();
          depth++;
        }
        case END_OBJECT -> {
          out.writeEndObject();
          depth--;
        }
        case START_ARRAY -> {
          out.writeStartArray();
          depth++;
        }
        case END_ARRAY -> {
          out.writeEndArray();
          depth--;
        }
        case PROPERTY_NAME -> out.writeFieldName(p.currentName());
        case VALUE_STRING -> out.writeString(p.getString());
        case VALUE_NUMBER_INT -> {
          switch (p.getNumberType()) {
            case INT -> out.writeNumber(p.getIntValue());
            case LONG -> out.writeNumber(p.getLongValue());
            default -> out.writeNumber((BigInteger) p.getBigIntegerValue());
          }
        }
        case VALUE_NUMBER_FLOAT -> {
          switch (p.getNumberType()) {
            case BIG_DECIMAL -> out.writeNumber(p.getDecimalValue());
            default -> out.writeNumber(p.getDoubleValue());
          }
        }
        case VALUE_TRUE -> out.writeBoolean(true);
        case VALUE_FALSE -> out.writeBoolean(false);
        case VALUE_NULL -> out.writeNull();
        default -> out.writeNull(); // embedded objects do not come from JSON text
      }
      if (depth == 0) {
        return;
      }
    }
    throw DatabindException.from(p, "the input ended inside a value");
  }
}
