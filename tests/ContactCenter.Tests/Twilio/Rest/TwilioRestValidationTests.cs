using ContactCenter.Api.Twilio;
using ContactCenter.Api.Twilio.Rest;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>Malformed SIDs, numbers and URLs are refused before anything is sent (the stub would record a request).</summary>
public sealed class TwilioRestValidationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string, Func<ITwilioRestClient, Task>> BadCalls => new()
    {
        { "conference SID", c => c.FetchConferenceAsync("CA0123456789abcdef0123456789abcdef", None) },
        { "short conference SID", c => c.ListParticipantsAsync("CF0123", None) },
        { "call SID", c => c.FetchCallAsync("CF0123456789abcdef0123456789abcdef", None) },
        { "non-hex call SID", c => c.UpdateCallAsync("CA0123456789abcdef0123456789abcdeg", new() { Complete = true }, None) },
        { "To without plus", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "14155550100" }, None) },
        { "To with letters", c => c.CreateCallAsync(new() { From = "+18005550100", To = "+1415CALLME", Url = "https://x.example/" }, None) },
        { "empty SIP URI", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "sip:" }, None) },
        { "client with space", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "client:al ice" }, None) },
        { "SIP caller ID", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "sip:a@b.example", To = "+14155550100" }, None) },
        { "label like a CallSid", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "+14155550100", Label = OtherCallSid }, None) },
        { "CallSidToCoach", c => c.UpdateParticipantAsync(ConferenceSid, CallSid, new() { Coaching = true, CallSidToCoach = "customer" }, None) },
        { "relative HoldUrl", c => c.UpdateParticipantAsync(ConferenceSid, CallSid, new() { Hold = true, HoldUrl = "/hold" }, None) },
        { "HoldMethod", c => c.UpdateParticipantAsync(ConferenceSid, CallSid, new() { Hold = true, HoldMethod = "PUT" }, None) },
        { "event", c => c.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "+14155550100", StatusCallbackEvent = ["ringing", "join"] }, None) },
        { "empty participant path", c => c.DeleteParticipantAsync(ConferenceSid, "", None) },
        { "empty update", c => c.UpdateParticipantAsync(ConferenceSid, CallSid, new(), None) },
        { "call with Url and Twiml", c => c.CreateCallAsync(new() { From = "+18005550100", To = "+14155550100", Url = "https://x.example/", Twiml = "<Response/>" }, None) },
        { "recording track", c => c.StartCallRecordingAsync(CallSid, new() { RecordingTrack = "left" }, None) },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task Bad_arguments_never_reach_Twilio(string what, Func<ITwilioRestClient, Task> call)
    {
        await using var rest = new RestHarness();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(rest.Client));

        Assert.False(string.IsNullOrEmpty(error.ParamName), what);
        Assert.Empty(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task A_refused_phone_number_is_masked_in_the_exception_message()
    {
        await using var rest = new RestHarness();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            rest.Client.CreateCallAsync(new() { From = "+18005550100", To = "004155550123", Url = "https://x.example/" }, None));

        Assert.DoesNotContain("004155550123", error.Message);
        Assert.Contains("0123", error.Message);
    }

    [Theory]
    [InlineData("+14155550100", true)]
    [InlineData("+442071838750", true)]
    [InlineData("+012345678", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+1 415 555 0100", false)]
    [InlineData("sip:agent@desk.example.com;transport=tls", true)]
    [InlineData("sip:agent @desk.example.com", false)]
    [InlineData("SIP:agent@desk.example.com", false)]
    [InlineData("client:alice_01", true)]
    [InlineData("client:", false)]
    [InlineData("alice", false)]
    public void Dialable_addresses_are_E164_numbers_sip_uris_or_client_identities(string address, bool dialable) =>
        Assert.Equal(dialable, Addresses.IsDialable(address));
}
