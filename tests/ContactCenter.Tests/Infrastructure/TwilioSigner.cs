using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>
/// Signs requests the way Twilio does, written independently of the service's validator: one string, one HMAC.
/// A pair sent twice is signed once (Twilio's Node library: <c>new Set(values)</c>).
/// </summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.Distinct().OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>A POST whose body is exactly <paramref name="body"/> (urlencoded), signed over <paramref name="signedPairs"/>.</summary>
    public static HttpRequestMessage SignedRawPost(string url, string body, IEnumerable<KeyValuePair<string, string>> signedPairs, string? signedUrl = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", Sign(ContactCenterFactory.AuthToken, signedUrl ?? url, signedPairs));
        return request;
    }

    /// <summary>A GET signed as Twilio signs one: over the full URL with its query, no parameters.</summary>
    public static HttpRequestMessage SignedGet(string url, string authToken = ContactCenterFactory.AuthToken, string? signedUrl = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, signedUrl ?? url, []));
        return request;
    }

    public static HttpRequestMessage SignedPost(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken = ContactCenterFactory.AuthToken, string? signedUrl = null)
    {
        var pairs = form.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, signedUrl ?? url, pairs));
        return request;
    }
}
