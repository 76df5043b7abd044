using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.Api.Conferences;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.Routing;

namespace ContactCenter.Tests.Operations;

[Collection(TelemetryCollection.Name)]
public sealed partial class MetricsEndpointTests
{
    private const string Queue = "metered";

    [Fact]
    public async Task Metrics_after_routed_calls_count_offered_answered_and_abandoned_and_the_wait_the_queue_view_reports()
    {
        await using var live = RoutingHarness.Start(["alice"], ("Queues:0:Id", Queue), ("Telemetry:Metrics:Exposure", "Admin"));
        await live.SetPresenceAsync("alice", "available");

        var (_, answeredRoom) = await live.PlaceCallAsync();
        await live.RoomWhenAsync(answeredRoom, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "an agent joined");
        await live.AgentWhenAsync("alice", "on-call");
        var (abandoning, _) = await live.PlaceCallAsync();
        await RoutingHarness.WhenAsync(() => live.QueueAsync(Queue), q => q!.Waiting.Count == 1, "the second caller waits");
        await live.HangUpAsync(abandoning);
        var today = (await RoutingHarness.WhenAsync(() => live.QueueAsync(Queue), q => q!.Today.Abandoned == 1, "the second caller abandoned"))!.Today;

        var metrics = await RoutingHarness.WhenAsync(() => ScrapeAsync(live), m => Value(m, "contactcenter_queue_abandoned_total") == 1 && Value(m, "contactcenter_queue_answered_total") >= 1, "abandoned and answered counted");

        Assert.Equal(2, Value(metrics, "contactcenter_queue_offered_total"));
        Assert.Equal(1, Value(metrics, "contactcenter_queue_answered_total"));
        Assert.Equal(1, Value(metrics, "contactcenter_queue_speed_of_answer_seconds_count"));
        var asa = today.AverageSpeedOfAnswerSeconds!.Value; // the queue view rounds to a tenth of a second
        Assert.InRange(Value(metrics, "contactcenter_queue_speed_of_answer_seconds_sum"), asa - 0.051, asa + 0.051);
        Assert.Equal(1, Value(metrics, "contactcenter_queue_wait_seconds_count", "outcome=\"answered\""));
        Assert.Equal(1, Value(metrics, "contactcenter_queue_wait_seconds_count", "outcome=\"abandoned\""));
        Assert.Equal(0, Value(metrics, "contactcenter_queue_waiting"));
        Assert.Equal((2, 1, 1), (today.Offered, today.Answered, today.Abandoned));
        Assert.Contains("contactcenter_twilio_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("operation=\"POST Conferences/{sid}/Participants\"", metrics, StringComparison.Ordinal);
        Assert.Contains("type=\"conference-event\"", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics, StringComparison.Ordinal); // per-request meters left out for /voice's sake
        Assert.DoesNotContain("aspnetcore_memory_pool", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("4155551234", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_need_the_admin_key_and_are_not_mapped_when_off()
    {
        await using var guarded = new ContactCenterFactory().With(("Telemetry:Metrics:Exposure", "Admin"));
        await using var off = new ContactCenterFactory();

        Assert.Equal(HttpStatusCode.Unauthorized, (await guarded.CreateClient().GetAsync("/metrics")).StatusCode);
        var scraped = await guarded.CreateAdminClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.StartsWith("text/plain", scraped.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateAdminClient().GetAsync("/metrics")).StatusCode);
    }

    private static async Task<string> ScrapeAsync(LiveContactCenter live)
    {
        var response = await live.Admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the series <paramref name="name"/> of this test's queue (and <paramref name="label"/>), or -1.</summary>
    private static double Value(string metrics, string name, string? label = null)
    {
        foreach (Match line in Series().Matches(metrics))
        {
            var labels = line.Groups["labels"].Value;
            if (line.Groups["name"].Value == name && labels.Contains($"queue=\"{Queue}\"", StringComparison.Ordinal)
                && (label is null || labels.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
