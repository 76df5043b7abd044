using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + name and value of each POST parameter)), the way
/// Twilio's helper libraries check it (see README, "Webhook signatures"): parameters sorted by name then value
/// (ordinal, so <c>Foo</c> and <c>foo</c> are two parameters), a repeated identical pair counted once, and the URL
/// accepted exactly as requested with its port removed or the scheme's default port added.
/// </summary>
public static class TwilioSignature
{
    private const int HashSize = 20;

    // base64 of 20 bytes.
    private const int SignatureLength = 28;

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var pairs = Flatten(parameters);
        using var suffix = SignedParameters.Create(pairs);
        Span<byte> hash = stackalloc byte[HashSize];
        using var hmac = CreateHmac(authToken);
        Hash(hmac, url, suffix.Bytes, hash);
        return Convert.ToBase64String(hash);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters, string? signature)
    {
        var pairs = Flatten(parameters);
        return IsValid(authToken, url, pairs, signature);
    }

    /// <summary>Checks the signature over the URL and the form's pairs (any order; <paramref name="pairs"/> is sorted in place).</summary>
    public static bool IsValid(string authToken, string url, Span<KeyValuePair<string, string>> pairs, string? signature)
    {
        using var suffix = SignedParameters.Create(pairs);
        return IsValidCore(authToken, url, suffix.Bytes, signature);
    }

    /// <summary>
    /// A webhook whose URL carries <c>bodySHA256</c> (a JSON body): the signature covers the URL alone and the
    /// body is authenticated by its SHA-256, lowercase hex, equal to that query value.
    /// </summary>
    public static bool IsValidWithBodyHash(string authToken, string url, ReadOnlySpan<byte> body, string bodySha256, string? signature)
    {
        var urlMatches = IsValidCore(authToken, url, [], signature);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        Span<byte> hex = stackalloc byte[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, hex, out _);
        Span<byte> expected = stackalloc byte[hex.Length];
        var sameLength = bodySha256.Length == hex.Length && Encoding.ASCII.GetBytes(bodySha256, expected) == hex.Length;
        return urlMatches & sameLength & CryptographicOperations.FixedTimeEquals(hex, expected);
    }

    private static bool IsValidCore(string authToken, string url, ReadOnlySpan<byte> suffix, string? signature)
    {
        // The header is compared as text, like Twilio's libraries do, so a differently padded or spaced base64 is refused.
        if (signature is not { Length: SignatureLength })
        {
            return false;
        }

        var expected = MemoryMarshal.AsBytes(signature.AsSpan());
        Span<byte> hash = stackalloc byte[HashSize];
        Span<char> text = stackalloc char[SignatureLength];
        using var hmac = CreateHmac(authToken);
        var (withoutPort, withPort) = PortVariants(url);

        // Each comparison is constant-time; stopping after a match only tells which URL variant Twilio signed.
        Hash(hmac, withoutPort, suffix, hash);
        Convert.TryToBase64Chars(hash, text, out _);
        if (CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(text), expected))
        {
            return true;
        }

        Hash(hmac, withPort, suffix, hash);
        Convert.TryToBase64Chars(hash, text, out _);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(text), expected);
    }

    /// <summary>
    /// The URL without its port, and with its port (the scheme's default when none is given). Credentials
    /// (<c>user:pass@</c>) stay where they are, as in Twilio's libraries; nothing else is rewritten.
    /// </summary>
    internal static (string WithoutPort, string WithPort) PortVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return (url, url);
        }

        var scheme = url.AsSpan(0, schemeEnd);
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80";
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var hostStart = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        if (hostStart == 0)
        {
            hostStart = authorityStart;
        }

        var hostAndPort = url.AsSpan(hostStart, authorityEnd - hostStart);
        var portStart = hostAndPort.LastIndexOf(':');
        var hasPort = portStart >= 0 && hostAndPort.LastIndexOf(']') < portStart;
        var beforePort = url.AsSpan(0, hasPort ? hostStart + portStart : authorityEnd);
        var rest = url.AsSpan(authorityEnd);

        return hasPort
            ? (string.Concat(beforePort, rest), url)
            : (url, string.Concat(beforePort, defaultPort, rest));
    }

    private static IncrementalHash CreateHmac(string authToken)
    {
        Span<byte> key = stackalloc byte[256];
        try
        {
            return Encoding.UTF8.TryGetBytes(authToken, key, out var written)
                ? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key[..written])
                : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
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

    private static KeyValuePair<string, string>[] Flatten(IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        parameters.SelectMany(p => p.Value.Select(value => new KeyValuePair<string, string>(p.Key, value ?? ""))).ToArray();
}
