using ContactCenter.Api.Observability;
using Twilio.Types;
using TwilioMethod = Twilio.Http.HttpMethod;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>Argument checks run before the library builds a request: a malformed SID or number never reaches Twilio.</summary>
internal static class Guard
{
    public static string CallSid(string? value, string name) =>
        Sids.IsCallSid(value) ? value! : throw new ArgumentException($"'{value}' is not a call SID (CA + 32 hex characters).", name);

    public static string ConferenceSid(string? value, string name) =>
        Sids.IsConferenceSid(value) ? value! : throw new ArgumentException($"'{value}' is not a conference SID (CF + 32 hex characters).", name);

    // The address itself stays out of the message: it is a phone number or a person's identity.
    public static string Dialable(string? value, string name) =>
        Addresses.IsDialable(value)
            ? value!
            : throw new ArgumentException($"{PhoneMask.Mask(value)} is not an E.164 number, sip: URI or client: identity.", name);

    public static string CallerId(string? value, string name) =>
        Addresses.IsCallerId(value)
            ? value!
            : throw new ArgumentException($"{PhoneMask.Mask(value)} is not an E.164 number or client: identity.", name);

    public static string? OptionalCallerId(string? value, string name) => value is null ? null : CallerId(value, name);

    public static string? OptionalCallSid(string? value, string name) => value is null ? null : CallSid(value, name);

    /// <summary>A participant is addressed by its CallSid or by the label it was created with.</summary>
    public static string CallSidOrLabel(string? value, string name) =>
        Sids.IsCallSid(value) ? value! : Label(value, name)!;

    /// <summary>Labels share the participant path with CallSids, so a label must never look like one.</summary>
    public static string? Label(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > 128 || value.Any(char.IsControl) || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A participant label must be 1 to 128 visible characters.", name);
        }

        return value.StartsWith("CA", StringComparison.OrdinalIgnoreCase) && value.Length == 34
            ? throw new ArgumentException($"The label '{value}' looks like a CallSid; it would be ambiguous in the participant path.", name)
            : value;
    }

    /// <summary>The library sends a Uri's original string, so what the caller wrote is what Twilio gets.</summary>
    public static Uri? OptionalUri(string? value, string name) =>
        value is null
            ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"'{value}' is not an absolute http(s) URL.", name);

    public static TwilioMethod? Method(string? value, string name) => value switch
    {
        null => null,
        "GET" => TwilioMethod.Get,
        "POST" => TwilioMethod.Post,
        _ => throw new ArgumentException($"'{value}' is not GET or POST.", name),
    };

    public static List<string>? Events(IReadOnlyList<string>? values, string name, params string[] allowed)
    {
        if (values is not null && values.FirstOrDefault(v => !allowed.Contains(v, StringComparer.Ordinal)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not one of {string.Join(", ", allowed)}.", name);
        }

        return values?.ToList();
    }

    /// <summary>A checked address as the library's endpoint type; a sip: URI travels as a PhoneNumber, which sends its text unchanged.</summary>
    public static IEndpoint Endpoint(string address) =>
        address.StartsWith(global::Twilio.Types.Client.PREFIX, StringComparison.Ordinal) ? new global::Twilio.Types.Client(address) : new PhoneNumber(address);

    /// <summary>An update without fields would be a silent no-op at Twilio: certainly a caller's mistake.</summary>
    public static void NotEmpty(List<KeyValuePair<string, string>> parameters, string name)
    {
        if (parameters.Count == 0)
        {
            throw new ArgumentException("The update sets nothing.", name);
        }
    }

    /// <summary>A field the service cannot work without, missing from Twilio's answer.</summary>
    public static string Present(string? value, string field) =>
        value ?? throw TwilioLibraryErrors.Unreadable(what: $"an answer without '{field}'");

    public static int? Range(int? value, int min, int max, string name) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
}
