using System.Globalization;
using System.Text;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Twilio;

/// <summary>How a generated case's X-Twilio-Signature was made.</summary>
public enum SignatureKind
{
    AsRequested,
    OtherPortVariant,
    FlippedCharacter,
    WrongToken,
    TamperedParameter,
    OtherPath,
    CaseMergedOrCommaJoined,
}

/// <summary>A URL built from parts, so its with-port and without-port forms are known without parsing it.</summary>
public sealed record GeneratedUrl(string Scheme, string UserInfo, string Host, int? Port, string Path, string Query, bool HasEscapesDotNetRewrites)
{
    public int DefaultPort => Scheme == "https" ? 443 : 80;

    public bool HasExplicitDefaultPort => Port == DefaultPort;

    public string AsRequested => Build(Port);

    public string WithoutPort => Build(null);

    public string WithPort => Build(Port ?? DefaultPort);

    public string OtherPortVariant => Port is null ? WithPort : WithoutPort;

    private string Build(int? port) =>
        $"{Scheme}://{UserInfo}{Host}{(port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "")}{Path}{Query}";
}

/// <summary>One generated request: URL, the form as sent (raw body), the pairs it carries, and a signature.</summary>
public sealed record SignatureCase(string Token, GeneratedUrl Url, string Body, List<KeyValuePair<string, string>> Pairs, SignatureKind Kind, string Signature)
{
    /// <summary>Each name carries one distinct value, so a dictionary (what RequestValidator takes) can express the form.</summary>
    public bool DictionaryCanExpress => Pairs.Distinct().GroupBy(p => p.Key, StringComparer.Ordinal).All(g => g.Count() == 1);

    public Dictionary<string, string> AsDictionary() => Pairs.Distinct().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public bool HasRepeatedName => Pairs.GroupBy(p => p.Key, StringComparer.Ordinal).Any(g => g.Count() > 1);

    public bool HasNamesDifferingInCase => Pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != Pairs.Select(p => p.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count();
}

/// <summary>Seeded generator of webhook requests as Twilio could send them, plus tampered ones.</summary>
public sealed class SignatureCaseGenerator(int seed)
{
    private static readonly string[] Hosts = ["example.com", "cc.example.test", "Voice.Example.COM", "127.0.0.1", "[::1]", "[2001:db8::7]", "localhost"];
    private static readonly string[] UserInfos = ["", "", "", "user:pass@", "user@", "u%40x:p%3Ass@"];
    private static readonly string[] Names = ["AccountSid", "CallSid", "From", "To", "Digits", "E", "Foo", "foo", "FOO", "Ünïcödé", "名前", "emoji😀", "a b", "x+y", "k&v", "k=v", "%"];
    private static readonly string[] Fragments = ["a", "Z", "0", "9", "-", ".", "_", "~", " ", "+", "&", "=", "%", "#", "?", "/", "<", ">", "\"", "'", "é", "ü", "名", "😀", "\u00A0", "CA0123", "+14155550100"];
    private static readonly char[] PathSafe = "abcXYZ019-._~".ToCharArray();
    private static readonly string[] PathEscaped = [.. " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}é名".Select(c => c.ToString()), "😀"];

    private readonly Random random = new(seed);

    /// <summary>The next case; with <paramref name="service"/>, a request to that URL (only its query generated) signed with <paramref name="token"/>.</summary>
    public SignatureCase Next(GeneratedUrl? service = null, string? token = null)
    {
        token ??= Convert.ToHexStringLower(RandomBytes(16));
        var url = NextUrl(canonical: random.Next(4) != 0);
        url = service is null ? url : service with { Query = url.Query };
        var pairs = NextPairs();
        var kind = (SignatureKind)random.Next(Enum.GetValues<SignatureKind>().Length);
        return new SignatureCase(token, url, Encode(pairs), pairs, kind, Sign(token, url, pairs, kind));
    }

    private string Sign(string token, GeneratedUrl url, List<KeyValuePair<string, string>> pairs, SignatureKind kind)
    {
        switch (kind)
        {
            case SignatureKind.OtherPortVariant:
                return TwilioSigner.Sign(token, url.OtherPortVariant, pairs);
            case SignatureKind.FlippedCharacter:
                var signature = TwilioSigner.Sign(token, url.AsRequested, pairs).ToCharArray();
                var at = random.Next(signature.Length - 1);
                signature[at] = signature[at] == 'A' ? 'B' : 'A';
                return new string(signature);
            case SignatureKind.WrongToken:
                return TwilioSigner.Sign(token + "0", url.AsRequested, pairs);
            case SignatureKind.TamperedParameter:
                var tampered = pairs.ToList();
                var index = tampered.Count == 0 ? -1 : random.Next(tampered.Count);
                if (index < 0)
                {
                    tampered.Add(new("Extra", ""));
                }
                else
                {
                    tampered[index] = new(tampered[index].Key, tampered[index].Value + "x");
                }

                return TwilioSigner.Sign(token, url.AsRequested, tampered);
            case SignatureKind.OtherPath:
                return TwilioSigner.Sign(token, (url with { Path = url.Path + "x" }).AsRequested, pairs);
            case SignatureKind.CaseMergedOrCommaJoined:
                // What a validator fed ASP.NET's case-insensitive form (or a NameValueCollection) would expect.
                var merged = pairs.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(',', g.Select(p => p.Value))));
                return TwilioSigner.Sign(token, url.AsRequested, merged);
            default:
                return TwilioSigner.Sign(token, url.AsRequested, pairs);
        }
    }

    public GeneratedUrl NextUrl(bool canonical)
    {
        var scheme = random.Next(2) == 0 ? "https" : "http";
        int[] ports = canonical ? [8080, 8443, 3000] : [443, 80, 8443];
        int? port = random.Next(3) == 0 ? null : ports[random.Next(ports.Length)];
        var rewrites = false;
        var path = new StringBuilder();
        for (var segment = random.Next(1, 4); segment > 0; segment--)
        {
            // No "." or ".." segment: Kestrel removes dot segments before the service sees the path (and both libraries' URL parsers resolve them).
            if (path.Length > 0 && path[^1] == '.')
            {
                path.Append('x');
            }

            path.Append('/');
            for (var i = random.Next(0, 7); i > 0; i--)
            {
                var choice = random.Next(5);
                if (!canonical && choice == 0)
                {
                    // An escaped unreserved character, or lowercase hex: .NET's UriBuilder rewrites these in the port variant.
                    path.Append(random.Next(2) == 0 ? "%7E" : "%c3%a9");
                    rewrites = true;
                }
                else if (choice <= 2)
                {
                    path.Append(PathSafe[random.Next(PathSafe.Length)]);
                }
                else
                {
                    path.Append(Uri.EscapeDataString(PathEscaped[random.Next(PathEscaped.Length)]));
                }
            }
        }

        if (path[^1] == '.')
        {
            path.Append('x');
        }

        var query = random.Next(3) switch
        {
            0 => "",
            1 => "?room=room-CA0123&attempt=2",
            _ => "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Uri.EscapeDataString(NextText(4)) + "=" + Uri.EscapeDataString(NextText(6)))),
        };
        return new GeneratedUrl(scheme, UserInfos[random.Next(UserInfos.Length)], Hosts[random.Next(Hosts.Length)], port, path.ToString(), query, rewrites);
    }

    private List<KeyValuePair<string, string>> NextPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        for (var i = random.Next(0, 9); i > 0; i--)
        {
            var roll = random.Next(8);
            if (roll == 0 && pairs.Count > 0)
            {
                pairs.Add(pairs[random.Next(pairs.Count)]);
            }
            else if (roll == 1 && pairs.Count > 0)
            {
                pairs.Add(new(pairs[random.Next(pairs.Count)].Key, NextText(5)));
            }
            else
            {
                pairs.Add(new(Names[random.Next(Names.Length)], random.Next(6) == 0 ? "" : NextText(8)));
            }
        }

        return pairs;
    }

    /// <summary>urlencoded the way a client may send it: '+' or %20 for a space, upper- or lowercase hex, some plain characters escaped.</summary>
    private string Encode(List<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => EncodeComponent(p.Key) + "=" + EncodeComponent(p.Value)));

    private string EncodeComponent(string text)
    {
        var encoded = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == ' ' && random.Next(2) == 0)
            {
                encoded.Append('+');
            }
            else if (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value) && random.Next(8) != 0)
            {
                encoded.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length])
                {
                    encoded.Append('%').Append(random.Next(2) == 0 ? b.ToString("X2", CultureInfo.InvariantCulture) : b.ToString("x2", CultureInfo.InvariantCulture));
                }
            }
        }

        return encoded.ToString();
    }

    private string NextText(int maxFragments) =>
        string.Concat(Enumerable.Range(0, random.Next(1, maxFragments + 1)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
