package io.floorgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Browser origins ({@code scheme://host[:port]}) in the one form a browser sends in its
 * {@code Origin} header: lower case, without the scheme's default port. Shared by the loader
 * ({@code api.allowedOrigins}) and the server's check, so both compare the same text.
 */
public final class Origins {

  private Origins() {}

  /** The origin's canonical form; null when {@code text} is not an http(s) origin. */
  public static @Nullable String normalize(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null
        && uri.getRawFragment() == null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      return null;
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }
}
