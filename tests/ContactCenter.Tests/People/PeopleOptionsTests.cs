using System.Net;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.People;

public sealed class PeopleOptionsTests
{
    [Theory]
    [InlineData("Agents:0:Key", "too-short")]
    [InlineData("Agents:1:KeySha256", "not-a-hash")]
    [InlineData("Supervisors:0:Role", "boss")]
    [InlineData("Admin:ApiKeys:1:Person", "nobody")]
    [InlineData("Admin:ApiKeys:2:Role", "root")]
    public void A_bad_key_hash_role_or_person_stops_the_service_naming_the_key(string key, string value)
    {
        using var misconfigured = new ContactCenterFactory().WithPeople((key, value));
        Assert.Contains(key, misconfigured.StartupFailure().Message);
    }

    [Fact]
    public void An_agent_key_without_a_person_stops_the_service()
    {
        using var misconfigured = new ContactCenterFactory().WithPeople(("Admin:ApiKeys:1:Person", null));
        Assert.Contains("Admin:ApiKeys:1:Person is required", misconfigured.StartupFailure().Message);
    }

    [Fact]
    public void An_id_that_is_both_an_agent_and_a_supervisor_stops_the_service()
    {
        using var misconfigured = new ContactCenterFactory().WithPeople(("Supervisors:0:Id", "alice"));
        Assert.Contains("Supervisors:0:Id 'alice'", misconfigured.StartupFailure().Message);
    }

    [Fact]
    public async Task Outside_development_a_person_without_a_key_cannot_sign_in_and_start_up_says_so()
    {
        await using var service = new ContactCenterFactory().WithPeople(("Agents:1:Key", null));
        var browser = service.CreateBrowser();

        var refused = await browser.PostLoginAsync("bob", "development-only-bob-key", await browser.LoginTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(service.Logs.Rendered, line => line.Contains("People without a key cannot sign in to the console: \"bob\"", StringComparison.Ordinal)
            || line.Contains("People without a key cannot sign in to the console: bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_gives_a_person_without_a_key_the_public_development_key_with_a_loud_warning()
    {
        await using var service = new ContactCenterFactory().InEnvironment("Development").WithPeople(("Agents:1:Key", null));
        var browser = service.CreateBrowser();

        var signedIn = await browser.PostLoginAsync("bob", "development-only-bob-key", await browser.LoginTokenAsync());

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(service.Logs.Rendered, line => line.Contains("!!! People without a key", StringComparison.Ordinal) && line.Contains("bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_sharing_a_data_protection_keys_path_accept_each_others_session_cookies()
    {
        var keys = Directory.CreateTempSubdirectory("cc-keys-");
        try
        {
            await using var first = new ContactCenterFactory().WithPeople(("Console:DataProtectionKeysPath", keys.FullName));
            await using var second = first.On(first.Database);
            await using var stranger = new ContactCenterFactory().WithPeople();
            var browser = first.CreateBrowser();
            var response = await browser.PostLoginAsync("sam", PeopleFixture.SamKey, await browser.LoginTokenAsync());
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc_console=", StringComparison.Ordinal)).Split(';')[0];

            Assert.Equal(HttpStatusCode.OK, (await Presenting(second, cookie).GetAsync("/console/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Presenting(stranger, cookie).GetAsync("/console/api/me")).StatusCode);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    private static HttpClient Presenting(ContactCenterFactory service, string cookie)
    {
        var client = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
