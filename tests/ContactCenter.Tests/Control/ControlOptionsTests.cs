using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Control;

/// <summary>The directory, caller ID and allow-list are validated at start: a bad configuration never serves.</summary>
public sealed class ControlOptionsTests
{
    [Theory]
    [InlineData("Agents:1:Id", "alice", "used more than once")]
    [InlineData("Agents:1:Id", "CA0123456789abcdef0123456789abcdef", "Agents:1:Id")]
    [InlineData("Agents:1:Endpoint", "4155550102", "Agents:1:Endpoint")]
    [InlineData("Supervisors:0:Endpoint", "sip:", "Supervisors:0:Endpoint")]
    [InlineData("Transfers:AllowedNumberPatterns:0", "^\\+1(415", "not a valid regular expression")]
    [InlineData("Transfers:RingTimeoutSeconds", "2", "RingTimeoutSeconds")]
    [InlineData("Twilio:CallerId", null, "Twilio:CallerId must be an E.164 phone number")]
    [InlineData("Twilio:CallerId", "sip:me@example.com", "Twilio:CallerId must be an E.164 phone number")]
    [InlineData("Twilio:CallerId", "client:contactcenter", "Twilio:CallerId must be an E.164 phone number")]
    [InlineData("Conference:HoldMusicUrl", "http://music.example.com/hold.mp3", "HoldMusicUrl")]
    public async Task Invalid_settings_stop_the_service_at_start(string key, string? value, string expected)
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, (key, value)]);
        var failure = factory.StartupFailure();
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Testing", "Transfers:AllowedNumberPatterns:0", @"^\+1415555\d{4}$")]
    [InlineData("Testing", "Agents:0:Endpoint", "+14155550101")]
    [InlineData("Testing", "Supervisors:0:Endpoint", "+14155550109")]
    [InlineData("Development", "Supervisors:0:Endpoint", "client:sam")]
    public async Task Anyone_who_can_dial_a_phone_number_needs_a_phone_number_caller_id(string environment, string key, string value)
    {
        // A client: caller ID and client: agents: only the one setting under test (or, in Development, its allow-list) dials a number.
        var settings = Settings(("Twilio:CallerId", "client:contactcenter"), ("Agents:0:Endpoint", "client:alice"), ("Transfers:AllowedNumberPatterns:0", null), (key, value));
        await using var factory = new ContactCenterFactory().InEnvironment(environment).With(settings);

        var failure = factory.StartupFailure();

        var callerId = Assert.Single(failure.Failures, f => f.Contains("Twilio:CallerId", StringComparison.Ordinal));
        Assert.Equal(ContactCenter.Api.Control.DirectoryOptionsValidation.PhoneNumberCallerIdRequired, callerId);
    }

    [Fact]
    public async Task A_directory_that_dials_no_phone_number_needs_no_caller_id()
    {
        await using var factory = new ContactCenterFactory().With(
            Settings(("Twilio:CallerId", null), ("Agents:0:Endpoint", "client:alice"), ("Transfers:AllowedNumberPatterns:0", null)));
        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_development_settings_start_as_they_are()
    {
        await using var development = new ContactCenterFactory().InEnvironment("Development");
        using var client = development.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    private static (string, string?)[] Settings(params (string, string?)[] overrides) => [.. ControlHarness.Settings, .. overrides];
}
