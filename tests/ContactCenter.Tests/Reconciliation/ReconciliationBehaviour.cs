using System.Net;
using System.Text.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace ContactCenter.Tests.Reconciliation;

/// <summary>The reconciler against a mocked Twilio, written once and run on every engine (subclasses at the end).</summary>
public abstract class ReconciliationBehaviour(StorageEngine engine)
{
    [Fact]
    public async Task A_room_twilio_reports_completed_is_closed_as_reconciled_with_everyone_still_in_it()
    {
        await using var harness = new ReconciliationHarness(engine, 301);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        harness.TwilioSays("completed");

        Assert.Equal(1, await ReconciliationHarness.PassAsync(service));

        var room = await harness.RoomAsync(service);
        Assert.Equal((ConferenceStatus.Ended, "reconciled", harness.Clock.GetUtcNow()), (room.Status, room.EndReason, room.EndedAt));
        Assert.All(room.Participants, p => Assert.Equal((false, "reconciled"), (p.InRoom, p.ReasonLeft)));
        var timeline = await harness.TimelineAsync(service);
        Assert.Equal(
            ["reconciled-conference-end", .. Enumerable.Repeat("reconciled-participant-leave", 3)],
            timeline.Skip(6).Select(e => e.EventType).Order(StringComparer.Ordinal));
        Assert.Equal("the conference is completed", timeline.Single(e => e.EventType == "reconciled-conference-end").Fields["TwilioSays"]);
        var active = await service.CreateAdminClient().GetOkAsync<ContactCenter.Api.Conferences.ConferencePage>("/admin/conferences");
        Assert.DoesNotContain(active.Items, r => r.ConferenceSid == harness.Call.ConferenceSid);
    }

    [Fact]
    public async Task A_transfer_still_active_in_a_room_twilio_reports_completed_fails_as_reconciled()
    {
        await using var harness = new ReconciliationHarness(engine, 305);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        var store = service.Services.GetRequiredService<TransferStore>();
        var now = harness.Clock.GetUtcNow().UtcDateTime;
        Assert.True(await store.TryInsertAsync(new TransferRow
        {
            Id = "TR00000000000000000000000000000305", ConferenceSid = harness.Call.ConferenceSid, Type = TransferService.Warm,
            State = TransferStates.Dialing, TargetKind = "agent", TargetId = "bob", CustomerCallSid = harness.Call.CustomerCall,
            FirstAgentCallSid = harness.Call.AgentCall, Actor = "ops", CreatedAt = now, UpdatedAt = now,
        }, CancellationToken.None));
        harness.TwilioSays("completed");

        await ReconciliationHarness.PassAsync(service);

        var transfer = await store.GetAsync("TR00000000000000000000000000000305", CancellationToken.None);
        Assert.Equal((TransferStates.Failed, "reconciled: the conference is completed", true), (transfer!.State, transfer.Reason, transfer.Settled));
        Assert.Null(await store.ActiveForRoomAsync(harness.Call.ConferenceSid, CancellationToken.None));
    }

    [Fact]
    public async Task A_conference_twilio_does_not_know_is_closed_only_once_twilio_lists_conferences_without_it()
    {
        await using var harness = new ReconciliationHarness(engine, 302);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        harness.Twilio.Setup(t => t.FetchConferenceAsync(harness.Call.ConferenceSid, It.IsAny<CancellationToken>()))
            .ThrowsAsync(ReconciliationHarness.TwilioError(HttpStatusCode.NotFound, 20404));
        harness.Twilio.Setup(t => t.ListConferencesAsync(harness.Call.Room, null, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await ReconciliationHarness.PassAsync(service);

        var room = await harness.RoomAsync(service);
        Assert.Equal((ConferenceStatus.Ended, "reconciled"), (room.Status, room.EndReason));
        Assert.Equal("Twilio does not know the conference",
            (await harness.TimelineAsync(service)).Single(e => e.EventType == "reconciled-conference-end").Fields["TwilioSays"]);
    }

    [Fact]
    public async Task A_participant_twilio_no_longer_has_is_closed_and_the_room_stays_live()
    {
        await using var harness = new ReconciliationHarness(engine, 303);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        harness.TwilioSays("in-progress", harness.Call.CustomerCall, harness.Call.AgentCall);

        await ReconciliationHarness.PassAsync(service);

        var room = await harness.RoomAsync(service);
        Assert.Equal(ConferenceStatus.Active, room.Status);
        Assert.Equal(
            [(harness.Call.CustomerCall, true, null), (harness.Call.AgentCall, true, null), (harness.Call.SupervisorCall, false, "reconciled")],
            room.Participants.Select(p => (p.CallSid, p.InRoom, p.ReasonLeft)));
    }

    public static TheoryData<string> Failures() => ["twilio-500", "unreachable", "timeout", "garbage", "404-then-list-fails", "participants-fail"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task When_twilio_fails_during_reconciliation_nothing_in_the_record_changes(string failure)
    {
        await using var harness = new ReconciliationHarness(engine, 304);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        var fetch = harness.Twilio.Setup(t => t.FetchConferenceAsync(harness.Call.ConferenceSid, It.IsAny<CancellationToken>()));
        _ = failure switch
        {
            "twilio-500" => fetch.ThrowsAsync(ReconciliationHarness.TwilioError(HttpStatusCode.InternalServerError, 20500)),
            "unreachable" => fetch.ThrowsAsync(new HttpRequestException("connection refused")),
            "timeout" => fetch.ThrowsAsync(new TaskCanceledException("the request timed out")),
            "garbage" => fetch.ThrowsAsync(new JsonException("'<' is an invalid start of a value")),
            "404-then-list-fails" => fetch.ThrowsAsync(ReconciliationHarness.TwilioError(HttpStatusCode.NotFound, 20404)),
            _ => fetch.ReturnsAsync(new TwilioConference(harness.Call.ConferenceSid, harness.Call.Room, "in-progress", null, null)),
        };
        harness.Twilio.Setup(t => t.ListConferencesAsync(It.IsAny<string?>(), It.IsAny<TwilioConferenceStatus?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(ReconciliationHarness.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        harness.Twilio.Setup(t => t.ListParticipantsAsync(harness.Call.ConferenceSid, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection reset"));
        var before = JsonSerializer.Serialize(await harness.TimelineAsync(service));

        await ReconciliationHarness.PassAsync(service);

        Assert.Equal(before, JsonSerializer.Serialize(await harness.TimelineAsync(service)));
        var room = await harness.RoomAsync(service);
        Assert.Equal(ConferenceStatus.Active, room.Status);
        Assert.All(room.Participants, p => Assert.True(p.InRoom));
        Assert.Contains(service.Logs.Rendered, line => line.Contains("the record is unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twilios_real_callbacks_arriving_after_reconciliation_win()
    {
        await using var harness = new ReconciliationHarness(engine, 305);
        await using var service = harness.Service();
        await harness.SeedAsync(service);
        harness.TwilioSays("completed");
        await ReconciliationHarness.PassAsync(service);

        foreach (var late in harness.LostCallbacks)
        {
            await service.CreateClient().PostOkAsync("/conference-events", late);
        }

        var room = await harness.RoomAsync(service);
        Assert.Equal((CallScenario.At(182), "participant-with-end-conference-on-exit-left"), (room.EndedAt, room.EndReason));
        Assert.Equal(
            ["participant_with_end_conference_on_exit_left", "participant_hung_up", "participant_with_end_conference_on_exit_left"],
            room.Participants.Select(p => p.ReasonLeft));
        var ended = await service.CreateAdminClient().GetOkAsync<ContactCenter.Api.Conferences.ConferencePage>("/admin/conferences?status=ended");
        Assert.Equal("participant-with-end-conference-on-exit-left", Assert.Single(ended.Items, r => r.ConferenceSid == harness.Call.ConferenceSid).EndReason);
    }

    [Fact]
    public async Task Two_instances_reconciling_the_same_room_write_each_marker_once()
    {
        await using var harness = new ReconciliationHarness(engine, 306);
        await using var first = harness.Service();
        await using var second = harness.Service();
        await harness.SeedAsync(first);
        harness.TwilioSays("completed");

        await Task.WhenAll(ReconciliationHarness.PassAsync(first), ReconciliationHarness.PassAsync(second));
        await ReconciliationHarness.PassAsync(second);

        var markers = (await harness.TimelineAsync(first)).Where(e => ConferenceEventTypes.IsReconciled(e.EventType)).ToList();
        Assert.Equal(4, markers.Count);
        Assert.Equal(4, markers.Select(m => m.SequenceNumber).Distinct().Count());
        Assert.Equal(ConferenceStatus.Ended, (await harness.RoomAsync(second)).Status);
    }
}

internal static class ConferenceEventTypes
{
    public static bool IsReconciled(string eventType) => eventType.StartsWith("reconciled-", StringComparison.Ordinal);
}

public sealed class SqliteReconciliationTests() : ReconciliationBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresReconciliationTests() : ReconciliationBehaviour(StorageEngine.Postgres);
