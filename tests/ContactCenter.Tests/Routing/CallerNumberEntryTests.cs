using System.Net;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Voice;
using ContactCenter.Tests.Console;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Routing;

/// <summary>The sealed caller number on a routed room's customer join becomes the queue entry's number; anything else leaves none.</summary>
public sealed class CallerNumberEntryTests
{
    private const string Number = "+14155551234";

    [Fact]
    public async Task A_sealed_number_is_stored_with_the_entry_and_a_forged_unreadable_or_oversized_one_stores_the_event_without_a_number()
    {
        await using var service = ConsoleSetup.Factory();
        var callbacks = service.CreateClient();
        var sealedHere = service.Services.GetRequiredService<CallerNumbers>().Protect(Number)!;
        var sealedElsewhere = new EphemeralDataProtectionProvider().CreateProtector(CallerNumbers.Purpose).Protect(Number);
        (CallScenario Call, string Token)[] joins =
        [
            (new CallScenario(880), sealedHere),
            (new CallScenario(881), "forged-" + sealedHere[7..]),
            (new CallScenario(882), sealedElsewhere),
            (new CallScenario(883), "not base64url at all!"),
            (new CallScenario(884), new string('A', 600)),
        ];

        foreach (var (call, token) in joins)
        {
            var path = "/conference-events?queue=support&priority=0&caller=" + Uri.EscapeDataString(token);
            var form = TwilioForms.ParticipantEvent(call.ConferenceSid, call.Room, 1, "participant-join", CallScenario.At(1), call.CustomerCall, "customer");
            var response = await callbacks.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: ControlHarness.PublicBase + path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{call.CustomerCall}: {(int)response.StatusCode}");
        }

        await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        var entries = await db.QueueEntries.AsNoTracking().ToDictionaryAsync(q => q.CallerCallSid, q => q.CallerNumber);
        Assert.Equal([Number, null, null, null, null], joins.Select(j => entries[j.Call.CustomerCall]));
        Assert.Equal(joins.Length, await db.ConferenceEvents.CountAsync(e => e.EventType == "participant-join"));

        var unreadable = service.Logs.Events.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("could not be unsealed", StringComparison.Ordinal))
            .Select(e => e.Properties["ConferenceSid"].ToString().Trim('"')).ToList();
        Assert.Equal(joins[1..4].Select(j => j.Call.ConferenceSid), unreadable);
        Assert.DoesNotContain(service.Logs.Rendered, line => line.Contains("4155551234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_customers_join_keeps_the_sealed_number_among_the_stored_fields()
    {
        await using var service = ConsoleSetup.Factory();
        var callbacks = service.CreateClient();
        var call = new CallScenario(885);
        var token = service.Services.GetRequiredService<CallerNumbers>().Protect(Number)!;
        var path = "/conference-events?queue=support&priority=0&caller=" + token;
        Dictionary<string, string>[] forms =
        [
            TwilioForms.ParticipantEvent(call.ConferenceSid, call.Room, 1, "participant-join", CallScenario.At(1), call.CustomerCall, "customer"),
            TwilioForms.ConferenceEvent(call.ConferenceSid, call.Room, 2, "conference-start", CallScenario.At(1)),
            TwilioForms.ParticipantEvent(call.ConferenceSid, call.Room, 3, "participant-hold", CallScenario.At(2), call.CustomerCall, "customer", hold: true),
        ];
        foreach (var form in forms)
        {
            var response = await callbacks.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: ControlHarness.PublicBase + path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        var payloads = await db.ConferenceEvents.AsNoTracking().Where(e => e.ConferenceSid == call.ConferenceSid).OrderBy(e => e.SequenceNumber)
            .Select(e => e.Payload).ToListAsync();
        Assert.Equal([true, false, false], payloads.Select(p => p.Contains(token, StringComparison.Ordinal)));
        Assert.All(payloads, p => Assert.Contains("\"queue\":\"support\"", p, StringComparison.Ordinal));
    }
}
