using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each POST parameter name and value, names in
/// ordinal order)). Like Twilio's own validators, a signature over the URL with or without its port is accepted.
/// </summary>
public static class TwilioSignature
{
    private const int HashSize = 20;

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        Span<byte> hash = stackalloc byte[HashSize];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));
        var suffix = ParameterBytes(parameters);
        Hash(hmac, url, suffix, hash);
        return Convert.ToBase64String(hash);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters, string? signature)
    {
        Span<byte> expected = stackalloc byte[HashSize];
        if (string.IsNullOrEmpty(signature) || !Convert.TryFromBase64String(signature, expected, out var written) || written != HashSize)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashSize];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));
        var suffix = ParameterBytes(parameters);
        var (withoutPort, withPort) = PortVariants(url);

        // Each comparison is constant-time; stopping after a match only tells which URL variant Twilio signed.
        Hash(hmac, withoutPort, suffix, actual);
        if (CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return true;
        }

        Hash(hmac, withPort, suffix, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The URL with any port removed, and with the scheme's default port added when none is given.</summary>
    internal static (string WithoutPort, string WithPort) PortVariants(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (url, url);
        }

        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url.AsSpan(authorityStart, authorityEnd - authorityStart);
        var hostEnd = authority.LastIndexOf(':');
        var hasPort = hostEnd >= 0 && authority.LastIndexOf(']') < hostEnd;
        var host = hasPort ? authority[..hostEnd] : authority;
        var prefix = url.AsSpan(0, authorityStart);
        var rest = url.AsSpan(authorityEnd);

        var withoutPort = hasPort ? string.Concat(prefix, host, rest) : url;
        var withPort = hasPort ? url : string.Concat(prefix, host, $":{uri.Port}", rest);
        return (withoutPort, withPort);
    }

    private static void Hash(IncrementalHash hmac, string url, ReadOnlySpan<byte> suffix, Span<byte> destination)
    {
        var urlBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(url.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(url, urlBytes);
            hmac.AppendData(urlBytes, 0, length);
            hmac.AppendData(suffix);
            hmac.GetHashAndReset(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(urlBytes);
        }
    }

    private static byte[] ParameterBytes(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var sorted = parameters.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder(256);
        foreach (var (name, values) in sorted)
        {
            if (values.Count == 1)
            {
                builder.Append(name).Append(values[0]);
                continue;
            }

            var ordered = values.ToArray();
            Array.Sort(ordered, StringComparer.Ordinal);
            foreach (var value in ordered)
            {
                builder.Append(name).Append(value);
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
