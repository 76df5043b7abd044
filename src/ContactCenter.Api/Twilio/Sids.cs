using System.Buffers;

namespace ContactCenter.Api.Twilio;

/// <summary>Shape checks for Twilio identifiers: a two-letter prefix and 32 hex characters.</summary>
public static class Sids
{
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsCallSid(string? value) => Is(value, "CA");

    public static bool IsConferenceSid(string? value) => Is(value, "CF");

    public static bool IsAccountSid(string? value) => Is(value, "AC");

    public static bool IsApiKeySid(string? value) => Is(value, "SK");

    public static bool Is(string? value, string prefix) =>
        value is { Length: 34 } && value.StartsWith(prefix, StringComparison.Ordinal) && !value.AsSpan(2).ContainsAnyExcept(Hex);
}
