using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.TwilioSimulator;

/// <summary>Signs webhooks as Twilio does: base64(HMAC-SHA1(token, URL + each parameter name and value, sorted by name)).</summary>
public static class SimulatorSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        // Repeated names are signed once per value, values in ordinal order, as Twilio's validators expect.
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
