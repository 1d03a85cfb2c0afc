import com.adobe.granite.auth.oauth.AccessTokenProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sling.api.resource.ResourceResolver;

/** An OAuth Server-to-Server provider: a real client-credentials request per token. */
final class Provider implements AccessTokenProvider {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    final String name;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;

    Provider(String name, String tokenUrl, String clientId, String clientSecret, String scope) {
        this.name = name;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
    }

    @Override
    public String getAccessToken(ResourceResolver resolver, String userId, Map<String, ?> claims) throws IOException {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
            + "&scope=" + enc(scope);
        HttpRequest req = HttpRequest.newBuilder(URI.create(tokenUrl))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        HttpResponse<String> res;
        try {
            res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Matcher m = TOKEN.matcher(res.body());
        if (res.statusCode() == 200 && m.find()) return m.group(1);
        throw new IOException("com.adobe.granite.auth.oauth.AccessTokenProvider failed to get access token from authorization server status: "
            + res.statusCode() + " response: " + res.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
