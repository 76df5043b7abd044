using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Routing;

/// <summary>Seeded hostile requests to the wait routes: odd queries, signed and not, GET and POST; never a 5xx or an error log.</summary>
public sealed class QueueWaitFuzzTests
{
    private const int Seed = 20261126;

    private static readonly string[] Values =
        ["", "sales", "CA" + new string('1', 32), "CA-not-a-sid", "%zz", "a&b=c", "名前", new string('x', 600), "RE" + new string('2', 32), "completed", "\u0001"];

    private static readonly string[] Names = ["queue", "CallSid", "voicemail", "AccountSid", "RecordingSid", "RecordingStatus", "bodySHA256", "x"];

    [Fact]
    public async Task Hostile_requests_to_the_wait_and_voicemail_routes_get_no_5xx_and_log_no_error()
    {
        await using var service = new ContactCenterFactory();
        var client = service.CreateClient();
        var random = new Random(Seed);
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < 600; i++)
        {
            var path = random.Next(3) switch { 0 => "/queue-wait", 1 => "/voicemail", _ => "/recording-status" };
            var query = string.Join('&', Enumerable.Range(0, random.Next(4)).Select(_ =>
                $"{Names[random.Next(Names.Length)]}={Uri.EscapeDataString(Values[random.Next(Values.Length)])}"));
            var url = $"http://localhost{path}{(query.Length > 0 ? "?" + query : "")}";
            var form = Enumerable.Range(0, random.Next(5))
                .Select(_ => new KeyValuePair<string, string>(Names[random.Next(Names.Length)], Values[random.Next(Values.Length)])).ToList();
            var signed = random.Next(4) != 0;
            using var request = path == "/queue-wait"
                ? (signed ? TwilioSigner.SignedGet(url) : new HttpRequestMessage(HttpMethod.Get, url))
                : (signed ? TwilioSigner.SignedPost(url, form) : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"seed {Seed} #{i}: {request.Method} {url} -> {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
        Assert.All(new[] { 200, 400, 403 }, code => Assert.True(statuses.GetValueOrDefault(code) > 0, $"no {code} among {string.Join(", ", statuses)}"));
        Assert.DoesNotContain(service.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }
}
