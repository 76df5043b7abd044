using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace ContactCenter.Tests.Control;

/// <summary>Refusals decided before Twilio is asked: a strict ITwilioRestClient mock with no setups fails on any request.</summary>
public sealed class ControlRefusalTests
{
    private const string Room = "room-CA0123456789abcdef0123456789abcdef";
    private const string ConferenceSid = "CF0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_full_room_is_409_for_agents_supervisors_and_transfers_and_nothing_is_dialed()
    {
        var participants = Enumerable.Range(0, 250).Select(i => new RoomParticipant(
            "CA" + i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), i == 0 ? "customer" : $"listener-{i}",
            i == 0 ? ParticipantRole.Customer : ParticipantRole.Other, true, null, null, false, false, false, null, null, null, null, null)).ToList();
        var room = new ConferenceRoom(ConferenceSid, Room, ConferenceStatus.Active, null, null, null, null, 250, participants, []);
        var store = new Mock<IConferenceStore>(MockBehavior.Strict);
        store.Setup(s => s.GetRoomAsync(Room, It.IsAny<CancellationToken>())).ReturnsAsync(room);
        var twilio = new Mock<ITwilioRestClient>(MockBehavior.Strict);

        await using var cc = new ControlHarness(401, fakeTwilio: false);
        await using var factory = cc.Factory.WithServices(s =>
        {
            s.AddSingleton(store.Object);
            s.AddSingleton(twilio.Object);
        });
        using var admin = Infrastructure.ServiceClients.CreateAdminClient(factory);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/admin/conferences/{Room}/agents", new { agent = "alice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/admin/conferences/{Room}/supervisors", new { supervisor = "sam", mode = "monitor" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/admin/conferences/{Room}/transfers", new { type = "cold", to = new { agent = "bob" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/admin/conferences/{Room}/transfers", new { type = "cold", to = new { number = "+442071234567" } })).StatusCode);
        twilio.VerifyNoOtherCalls();
    }
}
