using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Twilio.Rest;

public sealed class TwilioRestOptionsTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    public static TheoryData<string, string?, string, string?, string> Misconfigurations => new()
    {
        { "Twilio:ApiKeySid", "SK0123456789abcdef0123456789abcdef", "Twilio:ApiKeySecret", null, "go together" },
        { "Twilio:ApiKeySid", null, "Twilio:ApiKeySecret", "secret", "go together" },
        { "Twilio:ApiKeySid", "SK-not-a-key", "Twilio:ApiKeySecret", "secret", "ApiKeySid must be 'SK'" },
        { "Twilio:ApiBaseUrl", "ftp://api.twilio.com", "Twilio:ApiKeySecret", null, "Twilio:ApiBaseUrl" },
        { "Twilio:Rest:AttemptTimeout", "00:00:05", "Twilio:Rest:TotalTimeout", "00:00:01", "Twilio:Rest:AttemptTimeout" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void Rest_misconfiguration_stops_the_service_at_start(string key, string? value, string otherKey, string? otherValue, string expected)
    {
        using var misconfigured = factory.With((key, value), (otherKey, otherValue));

        var error = misconfigured.StartupFailure();
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Outside_development_the_account_sid_is_required()
    {
        using var production = factory.InEnvironment("Production").With(("Twilio:AccountSid", null));

        var error = production.StartupFailure();
        Assert.Contains("Twilio:AccountSid is not configured", error.Message);
    }

    [Fact]
    public async Task Development_without_an_account_or_the_simulator_starts_but_the_client_says_why_it_cannot_call()
    {
        await using var development = factory.InEnvironment("Development").With(("Twilio:AccountSid", null), ("Twilio:AuthToken", null), ("Simulator:Enabled", "false"));
        var client = development.Services.GetRequiredService<ITwilioRestClient>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.FetchCallAsync(RestHarness.CallSid, CancellationToken.None));
        Assert.Contains("Twilio:AccountSid", error.Message);
        Assert.Empty(development.Outgoing.Requests);
    }
}
