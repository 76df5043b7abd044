using System.Globalization;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// A Twilio request body: application/x-www-form-urlencoded, lowercase booleans, a list as repeated keys,
/// null fields left out (Twilio then applies its own default).
/// </summary>
internal sealed class TwilioForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public int Count => _fields.Count;

    public TwilioForm Add(string name, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    public TwilioForm Add(string name, bool? value) => Add(name, value switch { true => "true", false => "false", null => null });

    public TwilioForm Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public TwilioForm AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public HttpContent ToContent() => new FormUrlEncodedContent(_fields);
}
