package io.siocluster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page and everything it loads come from the demo itself, so it works without internet. */
class ChatPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ChatPage page;

    @BeforeAll
    static void serve() throws Exception {
        page = new ChatPage(0, List.of(9101, 9102));
    }

    @AfterAll
    static void stop() {
        page.close();
    }

    @Test
    void loadsNothingFromAnotherHost() throws Exception {
        HttpResponse<String> index = get("/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(index.headers().firstValue("Content-Security-Policy")).contains(ChatPage.CONTENT_SECURITY_POLICY);
        assertThat(index.body()).contains("content=\"9101,9102\"");
    }

    @Test
    void servesEveryFileThePageNames() throws Exception {
        Matcher names = Pattern.compile("(?:src|href)=\"([a-z][^\":]*)\"").matcher(get("/").body());
        int count = 0;
        while (names.find()) {
            assertThat(get("/" + names.group(1)).statusCode()).as(names.group(1)).isEqualTo(200);
            count++;
        }
        assertThat(count).isEqualTo(3); // chat.css, the Socket.IO client, chat.js
    }

    @Test
    void theBrowserClientMatchesTheIntegrityThePageDeclares() throws Exception {
        Matcher integrity = Pattern.compile("src=\"" + Pattern.quote(ChatPage.BROWSER_CLIENT)
                + "\"[^>]*integrity=\"(sha384-[^\"]+)\"").matcher(get("/").body());
        assertThat(integrity.find()).as("the client's script tag with an integrity attribute").isTrue();

        byte[] served = HTTP.send(request("/" + ChatPage.BROWSER_CLIENT), HttpResponse.BodyHandlers.ofByteArray()).body();
        String actual = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(served));
        assertThat(actual).isEqualTo(integrity.group(1));
    }

    @Test
    void answersNotFoundForAnythingElse() throws Exception {
        assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/vendor/SOURCE.txt").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + path)).build();
    }
}
