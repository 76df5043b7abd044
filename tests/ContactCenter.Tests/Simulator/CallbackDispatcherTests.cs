using ContactCenter.TwilioSimulator;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using System.Net;

namespace ContactCenter.Tests.Simulator;

public sealed class CallbackDispatcherTests
{
    private const string Token = "dispatcher-test-token";
    private const string Url = "http://service.test/conference-events";
    private readonly StubHttpHandler _outgoing = new();

    [Fact]
    public async Task Callbacks_are_posted_once_each_in_order_and_signed_as_twilio_signs()
    {
        var dispatcher = Dispatcher(chaos: false);
        var callbacks = Numbered(10);
        callbacks.ForEach(dispatcher.Enqueue);

        await RunUntilIdle(dispatcher);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => n.ToString()), dispatcher.Deliveries.Select(d => d["SequenceNumber"]));
        var first = dispatcher.Deliveries[0];
        Assert.Equal(TwilioSigner.Sign(Token, Url, callbacks[0].Form), first.Signature);
        Assert.Equal(204, first.StatusCode);
        Assert.Equal("AccountSid=AC1&SequenceNumber=1&StatusCallbackEvent=participant-join", _outgoing.Requests.First().Body);
    }

    [Fact]
    public async Task Chaos_mode_duplicates_and_swaps_some_callbacks_but_loses_none()
    {
        var dispatcher = Dispatcher(chaos: true);
        Numbered(40).ForEach(dispatcher.Enqueue);

        await RunUntilIdle(dispatcher);

        var sequence = dispatcher.Deliveries.Select(d => int.Parse(d["SequenceNumber"]!)).ToList();
        Assert.Equal(Enumerable.Range(1, 40), sequence.Distinct().Order());
        Assert.True(sequence.Count > 40, "some callbacks are delivered twice");
        Assert.Contains(sequence.Zip(sequence.Skip(1)), pair => pair.First > pair.Second);
    }

    [Fact]
    public async Task An_unreachable_service_is_recorded_not_fatal()
    {
        var dispatcher = Dispatcher(chaos: false, respond: false);
        Numbered(2).ForEach(dispatcher.Enqueue);

        await RunUntilIdle(dispatcher);

        Assert.Equal([0, 0], dispatcher.Deliveries.Select(d => d.StatusCode));
    }

    [Fact]
    public async Task A_drop_rule_loses_the_matching_callbacks_of_its_room_only_and_lists_them_as_dropped()
    {
        var drops = new SimulatorCallbackDrops();
        drops.Add("room-a", ["participant-leave", "conference-end"]);
        var dispatcher = Dispatcher(chaos: false, drops: drops);
        SimulatorCallback Event(string room, string name) => new(Url, [new("FriendlyName", room), new("StatusCallbackEvent", name)]);
        foreach (var callback in new[] { Event("room-a", "participant-join"), Event("room-a", "participant-leave"), Event("room-b", "participant-leave"), Event("room-a", "conference-end") })
        {
            dispatcher.Enqueue(callback);
        }

        await RunUntilIdle(dispatcher);

        Assert.Equal(
            [("room-a", "participant-join", false), ("room-a", "participant-leave", true), ("room-b", "participant-leave", false), ("room-a", "conference-end", true)],
            dispatcher.Deliveries.Select(d => (d["FriendlyName"], d["StatusCallbackEvent"], d.Dropped)));
        Assert.Equal(2, _outgoing.Requests.Count());
        drops.Clear();
        Assert.Empty(drops.Rules);
    }

    private static List<SimulatorCallback> Numbered(int count) =>
        Enumerable.Range(1, count).Select(n => new SimulatorCallback(Url,
        [
            new("AccountSid", "AC1"),
            new("SequenceNumber", n.ToString()),
            new("StatusCallbackEvent", "participant-join"),
        ])).ToList();

    private static async Task RunUntilIdle(SimulatorCallbackDispatcher dispatcher)
    {
        // Everything is queued before the reader starts, so chaos decisions do not depend on timing.
        await dispatcher.StartAsync(CancellationToken.None);
        await dispatcher.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);
    }

    private SimulatorCallbackDispatcher Dispatcher(bool chaos, bool respond = true, SimulatorCallbackDrops? drops = null)
    {
        if (respond)
        {
            for (var i = 0; i < 200; i++)
            {
                _outgoing.Respond((_, _) => new HttpResponseMessage(HttpStatusCode.NoContent));
            }
        }

        var clients = new Mock<IHttpClientFactory>();
        clients.Setup(f => f.CreateClient(SimulatorCallbackDispatcher.ClientName)).Returns(() => new HttpClient(_outgoing, disposeHandler: false));
        return new SimulatorCallbackDispatcher(
            clients.Object, Options.Create(new SimulatorOptions { Chaos = chaos, AuthToken = Token }), NullLogger<SimulatorCallbackDispatcher>.Instance, drops);
    }
}
