using System.Diagnostics;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Operations;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ContactCenter.Tests.Operations;

[Collection(TelemetryCollection.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task One_trace_runs_from_the_conference_event_to_the_twilio_request_that_rings_the_agent()
    {
        var spans = new LockedList();
        await using var live = RoutingHarness.Start(false, ["alice"], services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)), ("Telemetry:Traces", "true"));
        await live.SetPresenceAsync("alice", "available");

        var (_, room) = await live.PlaceCallAsync();
        var joined = await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.Role == ParticipantRole.Agent && p.InRoom), "an agent joined");
        var conferenceSid = joined.ConferenceSid;

        var chain = await RoutingHarness.WhenAsync(() => Task.FromResult(DialChain(Snapshot(spans), conferenceSid)), c => c is not null, "a traced dial");

        Assert.Equal(ActivityKind.Client, chain![0].Kind);
        Assert.Contains("/Participants.json", chain[0].GetTagItem("url.full") as string, StringComparison.Ordinal);
        Assert.Contains(chain, s => s.OperationName == "dispatch");
        Assert.Contains(chain, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/conference-events");
        Assert.Single(chain.Select(s => s.TraceId).Distinct());
        Assert.DoesNotContain(Snapshot(spans).SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains("4155551234", StringComparison.Ordinal) == true);
    }

    /// <summary>The Twilio request adding the agent's leg to the room and its ancestors up to the root, when one ancestor ingested the room's join.</summary>
    private static List<Activity>? DialChain(List<Activity> spans, string conferenceSid)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        foreach (var dial in spans.Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("http.request.method") as string == "POST"
            && (s.GetTagItem("url.full") as string)?.EndsWith("/Participants.json", StringComparison.Ordinal) == true))
        {
            var chain = new List<Activity> { dial };
            while (byId.TryGetValue(chain[^1].ParentSpanId, out var parent) && chain.Count < 64)
            {
                chain.Add(parent);
            }

            if (chain.Any(s => s.OperationName == "ingest conference-event" && s.GetTagItem(ContactCenterTracing.ConferenceSid) as string == conferenceSid))
            {
                return chain;
            }
        }

        return null;
    }

    private static List<Activity> Snapshot(LockedList spans) => spans.Snapshot();

    /// <summary>The exporter adds from whichever thread ends a span; the test reads meanwhile.</summary>
    private sealed class LockedList : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _lock = new();

        public List<Activity> Snapshot()
        {
            lock (_lock)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
