using System.Net;
using System.Net.Http.Json;
using ContactCenter.TwilioSimulator;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Simulator;

public sealed class SimulatorActivationTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private static readonly (string, string?)[] NoCredentials = [("Twilio:AccountSid", null), ("Twilio:AuthToken", null)];

    [Fact]
    public async Task Development_without_twilio_credentials_runs_the_simulator_and_says_so_loudly()
    {
        await using var development = factory.InEnvironment("Development").With([.. NoCredentials, ("Simulator:ServiceBaseUrl", "http://localhost:5000")]);

        var twilio = development.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal("http://localhost:5000/sim/twilio", twilio.ApiBaseUrl);
        Assert.Equal(SimulatorActivation.AccountSid, twilio.AccountSid);
        Assert.Equal(TwilioOptions.DevelopmentAuthToken, twilio.AuthToken);
        Assert.Contains(development.Logs.Rendered, line => line.Contains("TWILIO SIMULATOR ACTIVE: no real calls are placed"));
        var unauthenticated = await development.CreateClient().GetAsync($"/sim/twilio/2010-04-01/Accounts/{SimulatorActivation.AccountSid}/Conferences.json");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task With_credentials_or_outside_development_the_simulator_is_absent(string environment)
    {
        await using var host = factory.InEnvironment(environment);

        Assert.Null(host.Services.GetService<SimulatedTwilio>());
        Assert.Equal(TwilioOptions.DefaultApiBaseUrl, host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl);
        var response = await host.CreateClient().PostAsJsonAsync("/sim/calls", new { from = "+14155551234", to = "+18005550100" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Rendered, line => line.Contains("TWILIO SIMULATOR ACTIVE"));
    }

    [Fact]
    public void Production_without_credentials_never_falls_back_to_the_simulator()
    {
        using var production = factory.InEnvironment("Production").With(NoCredentials);

        // Had the simulator switched itself on, it would have supplied a token and the service would have started.
        var error = production.StartupFailure();
        Assert.Contains("Twilio:AuthToken is not configured", error.Message);
    }

    [Fact]
    public async Task Explicitly_enabled_it_runs_in_the_test_environment_and_explicitly_disabled_it_never_does()
    {
        await using var enabled = factory.With(("Simulator:Enabled", "true"), ("Simulator:ServiceBaseUrl", "https://cc.example"));
        await using var disabled = factory.InEnvironment("Development").With([.. NoCredentials, ("Simulator:Enabled", "false")]);

        Assert.NotNull(enabled.Services.GetService<SimulatedTwilio>());
        Assert.Equal("https://cc.example/sim/twilio", enabled.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl);
        Assert.Null(disabled.Services.GetService<SimulatedTwilio>());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Asked_for_outside_development_and_testing_it_stops_the_start_naming_the_key(string environment)
    {
        using var host = factory.InEnvironment(environment).With(("Simulator:Enabled", "true"), ("Simulator:ServiceBaseUrl", "https://cc.example"));

        var error = host.StartupFailure();

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith($"Simulator:Enabled is true in environment '{environment}'", failure);
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_stops_the_start_naming_the_key()
    {
        using var host = factory.With(("Simulator:Enabled", "yes"));

        Assert.Equal("Simulator:Enabled must be true or false, not 'yes'.", Assert.Single(host.StartupFailure().Failures));
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task A_production_process_asked_for_the_simulator_prints_one_line_naming_the_key_and_exits_non_zero()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunUntilExitAsync(ServiceProcess.BuiltDll,
            ("ASPNETCORE_ENVIRONMENT", "Production"), ("Simulator__Enabled", "true"),
            ("Twilio__AccountSid", ContactCenterFactory.AccountSid), ("Twilio__AuthToken", ContactCenterFactory.AuthToken));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(errors.Split('\n', StringSplitOptions.TrimEntries), line => line.StartsWith("Configuration error: Simulator:Enabled is true in environment 'Production'", StringComparison.Ordinal));
        Assert.DoesNotContain(" at ", errors);
    }
}
