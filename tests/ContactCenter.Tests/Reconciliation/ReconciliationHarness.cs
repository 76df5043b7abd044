using System.Net;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reconciliation;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ContactCenter.Tests.Reconciliation;

/// <summary>
/// A room left live in the record (caller, agent and coaching supervisor joined; every later callback lost), the
/// service on a fake clock, and Twilio a strict mock: a request the test did not set up fails it.
/// </summary>
public sealed class ReconciliationHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;

    public ReconciliationHarness(StorageEngine engine, int n)
    {
        _database = TestDatabase.Create(engine);
        Call = new CallScenario(n);
    }

    public CallScenario Call { get; }

    public FakeTimeProvider Clock { get; } = new(TwilioForms.Start.AddMinutes(5));

    public Mock<ITwilioRestClient> Twilio { get; } = new(MockBehavior.Strict);

    /// <summary>The service on the harness's database; background reconciliation only when <paramref name="background"/>.</summary>
    public ContactCenterFactory Service(bool background = false, string interval = "00:01:00") =>
        new ContactCenterFactory { SharedDatabase = _database }
            .With(("Reconciliation:Enabled", background ? "true" : "false"), ("Reconciliation:Interval", interval))
            .WithServices(services =>
            {
                services.AddSingleton<ITwilioRestClient>(Twilio.Object);
                services.AddSingleton<TimeProvider>(Clock);
            });

    /// <summary>Posts the call's callbacks up to the supervisor joining: the room is live with three people in it.</summary>
    public async Task SeedAsync(ContactCenterFactory service)
    {
        var client = service.CreateClient();
        foreach (var form in Call.ConferenceEvents().Take(6))
        {
            await client.PostOkAsync("/conference-events", form);
        }
    }

    /// <summary>Twilio's callbacks that never arrived: the three leaves and the conference's end.</summary>
    public IEnumerable<Dictionary<string, string>> LostCallbacks => Call.ConferenceEvents().Skip(6);

    public void TwilioSays(string conferenceStatus, params string[] inRoom)
    {
        Twilio.Setup(t => t.FetchConferenceAsync(Call.ConferenceSid, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TwilioConference(Call.ConferenceSid, Call.Room, conferenceStatus, null, null));
        Twilio.Setup(t => t.ListParticipantsAsync(Call.ConferenceSid, It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. inRoom.Select(Participant)]);
    }

    public static TwilioApiException TwilioError(HttpStatusCode status, int code) => new(status, code, "Twilio says no", null);

    public TwilioParticipant Participant(string callSid) =>
        new(callSid, Call.ConferenceSid, null, "connected", false, false, false, null, true, false);

    public static Task<int> PassAsync(ContactCenterFactory service) =>
        service.Services.GetRequiredService<ReconciliationService>().RunPassAsync(CancellationToken.None);

    public Task<ConferenceRoom> RoomAsync(ContactCenterFactory service) => service.CreateAdminClient().GetRoomAsync(Call.Room);

    public Task<List<StoredConferenceEvent>> TimelineAsync(ContactCenterFactory service) => service.CreateAdminClient().GetTimelineAsync(Call.Room);

    /// <summary>Waits (real time, bounded) for the background service to bring the room to <paramref name="condition"/>.</summary>
    public async Task<ConferenceRoom> RoomWhenAsync(ContactCenterFactory service, Func<ConferenceRoom, bool> condition)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var room = await RoomAsync(service);
            if (condition(room))
            {
                return room;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"Room {Call.Room} never reached the expected state: {System.Text.Json.JsonSerializer.Serialize(await RoomAsync(service))}");
    }

    public async Task UntilTwilioAskedAsync(int fetches)
    {
        for (var attempt = 0; attempt < 500 && Fetches < fetches; attempt++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(fetches, Fetches);
    }

    public int Fetches => Twilio.Invocations.Count(i => i.Method.Name == nameof(ITwilioRestClient.FetchConferenceAsync));

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
