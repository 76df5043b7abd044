namespace ContactCenter.Api.Twilio;

/// <summary>Shape checks for what Twilio can dial or show as caller ID: E.164 numbers, SIP URIs, client identities.</summary>
public static class Addresses
{
    public const int MaxLength = 256;

    /// <summary>+ then 2 to 15 digits, no leading zero.</summary>
    public static bool IsE164(string? value)
    {
        if (value is not { Length: >= 3 and <= 16 } || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        foreach (var c in value.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>sip:user@host (parameters allowed), nothing Twilio would have to guess about.</summary>
    public static bool IsSipUri(string? value) =>
        HasPrefixAndPlainRest(value, "sip:") && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "sip";

    public static bool IsClientIdentity(string? value) => HasPrefixAndPlainRest(value, "client:");

    /// <summary>What a participant or call can be dialed at.</summary>
    public static bool IsDialable(string? value) => IsE164(value) || IsSipUri(value) || IsClientIdentity(value);

    /// <summary>What Twilio accepts as the caller of an outbound leg (a SIP URI is not).</summary>
    public static bool IsCallerId(string? value) => IsE164(value) || IsClientIdentity(value);

    private static bool HasPrefixAndPlainRest(string? value, string prefix)
    {
        if (value is null || value.Length <= prefix.Length || value.Length > MaxLength || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(prefix.Length))
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
