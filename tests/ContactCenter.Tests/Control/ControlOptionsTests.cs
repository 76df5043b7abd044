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
    [InlineData("Twilio:CallerId", null, "Twilio:CallerId is required")]
    [InlineData("Twilio:CallerId", "sip:me@example.com", "Twilio:CallerId must be")]
    [InlineData("Conference:HoldMusicUrl", "http://music.example.com/hold.mp3", "HoldMusicUrl")]
    public async Task Invalid_settings_stop_the_service_at_start(string key, string? value, string expected)
    {
        await using var factory = new ContactCenterFactory().With([.. ControlHarness.Settings, (key, value)]);
        var failure = factory.StartupFailure();
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_without_a_caller_id_starts()
    {
        await using var factory = new ContactCenterFactory().InEnvironment("Development").With([.. ControlHarness.Settings, ("Twilio:CallerId", null)]);
        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
    }
}
