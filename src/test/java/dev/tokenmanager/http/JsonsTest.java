package dev.tokenmanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** JSON strings written by hand, read back by JSON-P. */
class JsonsTest {

    @Test
    void everyCharacterComesBackAsItWas() {
        String nasty = "a\"b\\c/d\ne\rf\tg\u0000h\u001fi\u2028j é 😀 </script>";

        assertThat(readBack(nasty)).isEqualTo(nasty);
    }

    @Test
    void plainTextIsOnlyQuoted() {
        assertThat(Jsons.appendString(new StringBuilder(), "bench-user-000").toString())
                .isEqualTo("\"bench-user-000\"");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(Jsons.appendString(new StringBuilder(), "\u0001\n").toString()).isEqualTo("\"\\u0001\\n\"");
    }

    private static String readBack(String value) {
        String json = Jsons.appendString(new StringBuilder("["), value).append(']').toString();
        try (var reader = Jsons.createReader(new StringReader(json))) {
            JsonArray array = reader.readArray();
            return array.getString(0);
        }
    }
}
