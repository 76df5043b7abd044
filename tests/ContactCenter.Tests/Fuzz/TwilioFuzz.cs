using System.Text;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Fuzz;

/// <summary>One hostile request to a Twilio route: a realistic form mutated, random pairs or raw bytes; signed or not; odd content types.</summary>
public static class TwilioFuzz
{
    public static readonly string[] Routes = ["/voice", "/conference-events", "/call-status", "/recording-status"];

    private static readonly string?[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=ISO-8859-1", "multipart/form-data",
        "multipart/form-data; boundary=x", "application/json", "text/plain", null, "garbage;;=",
    ];

    public static (HttpRequestMessage Request, string Description) Next(Random random)
    {
        var path = Routes[random.Next(Routes.Length)];
        var query = random.Next(20) switch { 0 => "?bodySHA256=zz", 1 => "?a=%zz&a", 2 => "?bodySHA256=" + new string('0', 64), _ => "" };
        var url = "http://localhost" + path + query;
        var (body, pairs, shape) = Body(random);
        var contentType = ContentTypes[random.Next(ContentTypes.Length)];

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var signing = random.Next(10);
        var signature = signing switch
        {
            0 => null,
            1 => "not-a-signature",
            2 => TwilioSigner.Sign(ContactCenterFactory.AuthToken, "http://localhost/elsewhere", pairs),
            _ => TwilioSigner.Sign(ContactCenterFactory.AuthToken, url, contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true ? pairs : []),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
        }

        return (request, $"POST {path}{query} {shape} {body.Length} bytes as {contentType ?? "(none)"}, signature {signing}");
    }

    private static (byte[] Body, List<KeyValuePair<string, string>> Pairs, string Shape) Body(Random random)
    {
        if (random.Next(30) == 0)
        {
            // Over the limit: refused before it is parsed.
            var huge = Encoding.ASCII.GetBytes("CallSid=" + FuzzValues.Huge(random, 70_000));
            return (huge, [], "huge");
        }

        if (random.Next(5) == 0)
        {
            // Raw bytes: stray escapes, invalid UTF-8, empty segments. Signed over the pairs as the service parses them.
            var raw = random.Next(2) == 0
                ? FuzzValues.RandomBytes(random, random.Next(0, 300))
                : Encoding.UTF8.GetBytes(string.Join(random.Next(2) == 0 ? "&" : "&&", Enumerable.Range(0, random.Next(0, 8)).Select(_ => FuzzValues.Mixed(random, random.Next(0, 6)))));
            var parsed = new List<KeyValuePair<string, string>>();
            TwilioFormBody.Parse(raw, parsed);
            return (raw, parsed, "raw");
        }

        var pairs = Realistic(random).ToList();
        for (var mutations = random.Next(0, 5); mutations > 0 && pairs.Count > 0; mutations--)
        {
            var at = random.Next(pairs.Count);
            switch (random.Next(5))
            {
                case 0: pairs.RemoveAt(at); break;
                case 1: pairs[at] = new(pairs[at].Key, FuzzValues.Value(random)); break;
                case 2: pairs.Add(new(FuzzValues.Name(random), FuzzValues.Value(random))); break;
                case 3: pairs.Add(new(pairs[at].Key, FuzzValues.Value(random))); break;
                default: pairs.Add(new(pairs[at].Key.ToLowerInvariant(), pairs[at].Value)); break;
            }
        }

        var body = string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return (Encoding.UTF8.GetBytes(body), pairs, "form");
    }

    private static Dictionary<string, string> Realistic(Random random)
    {
        var call = new CallScenario(random.Next(1, 50));
        return random.Next(5) switch
        {
            0 => TwilioForms.IncomingCall(call.CustomerCall),
            1 => call.ConferenceEvents()[random.Next(10)],
            2 => TwilioForms.CallStatus(call.AgentCall, "ringing", random.Next(1, 5), CallScenario.At(1)),
            3 => call.Recordings()[random.Next(2)],
            _ => [],
        };
    }
}
