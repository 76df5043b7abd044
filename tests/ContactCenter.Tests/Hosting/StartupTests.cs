using System.Net;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Hosting;

public sealed class StartupTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    [Fact]
    public async Task Health_answers_200()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Production_without_an_auth_token_refuses_to_start_and_says_why()
    {
        using var production = factory.InEnvironment("Production").With(("Twilio:AuthToken", null));

        var error = production.StartupFailure();
        Assert.Contains("Twilio:AuthToken is not configured", error.Message);
        Assert.Contains("Twilio__AuthToken", error.Message);
    }

    [Theory]
    [InlineData("Conference:WaitMusicUrl", "http://insecure.example/music.mp3")]
    [InlineData("Twilio:PublicBaseUrl", "not a url")]
    [InlineData("Twilio:AccountSid", "AC-not-a-sid")]
    [InlineData("Voice:Greeting", "Welcome\u0001")]
    public void Misconfiguration_stops_the_service_at_start(string key, string value)
    {
        using var misconfigured = factory.With((key, value));
        var error = misconfigured.StartupFailure();
        Assert.Contains(key.Split(':')[1], error.Message);
    }

    [Fact]
    public async Task Development_without_a_token_uses_the_documented_public_token_and_warns()
    {
        await using var development = factory.InEnvironment("Development").With(("Twilio:AuthToken", null));
        var response = await development.CreateClient().SendAsync(
            TwilioSigner.SignedPost("http://localhost/voice", TwilioForms.IncomingCall(), authToken: "development-only-auth-token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(development.Logs.Rendered, line => line.Contains("No Twilio:AuthToken configured"));
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task A_misconfigured_process_prints_one_line_per_problem_naming_the_key_and_exits_non_zero()
    {
        var (exitCode, output, errors) = await ServiceProcess.RunUntilExitAsync(
            ServiceProcess.BuiltDll, ("ASPNETCORE_ENVIRONMENT", "Production"), ("Twilio__AccountSid", "AC-not-a-sid"));

        Assert.NotEqual(0, exitCode);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, line => line.StartsWith("Configuration error: Twilio:AuthToken is not configured", StringComparison.Ordinal));
        Assert.Contains("Configuration error: Twilio:AccountSid must be 'AC' followed by 32 hex characters.", lines);
        Assert.DoesNotContain("Unhandled exception", errors + output);
        Assert.DoesNotContain("Hosting failed to start", errors + output);
        Assert.DoesNotContain(" at ", errors + output);
    }
}
