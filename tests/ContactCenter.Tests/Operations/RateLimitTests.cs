using System.Net;
using ContactCenter.Api.Operations;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Operations;

public sealed class RateLimitTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const string SignInPath = "/test/sign-in";

    [Fact]
    public async Task The_eleventh_sign_in_attempt_within_the_window_gets_429_with_problem_details_and_retry_after()
    {
        await using var service = factory.WithServices(services => services.AddSingleton<IStartupFilter, SignInEndpoint>());
        var client = service.CreateClient();

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var allowed = await client.PostAsync(SignInPath, null);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"attempt {attempt}: {(int)allowed.StatusCode}");
        }

        var refused = await client.PostAsync(SignInPath, null);

        await AssertTooManyAsync(refused, maxRetryAfterSeconds: 60);
    }

    [Fact]
    public async Task Admin_requests_are_limited_per_key_and_without_a_valid_key_per_address()
    {
        await using var service = factory.With(
            ("RateLimits:Admin:PermitLimit", "3"), ("RateLimits:Admin:Window", "00:05:00"),
            ("Admin:ApiKeys:1:Name", "ops-bob"), ("Admin:ApiKeys:1:Key", "second-admin-key-0123456789abcdef"));
        var alice = service.CreateAdminClient();
        var bob = service.CreateAdminClient("second-admin-key-0123456789abcdef");
        var guesser = service.CreateAdminClient("wrong-key-0123456789abcdef-000000");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/admin/conferences")).StatusCode);
        }

        await AssertTooManyAsync(await alice.GetAsync("/admin/conferences"), maxRetryAfterSeconds: 300);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/admin/conferences")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/admin/conferences")).StatusCode);
        }

        await AssertTooManyAsync(await guesser.GetAsync("/admin/conferences"), maxRetryAfterSeconds: 300);
    }

    [Fact]
    public async Task Console_users_signed_in_behind_one_address_each_get_their_own_admin_budget_and_a_forged_cookie_spends_the_address_budget()
    {
        await using var service = factory.WithPeople(("RateLimits:Admin:PermitLimit", "3"), ("RateLimits:Admin:Window", "00:05:00"));
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);
        var ada = await service.SignedInAsync("ada", PeopleFixture.AdaKey);
        var anonymous = service.CreateClient();
        var forged = service.CreateClient();
        forged.DefaultRequestHeaders.Add("Cookie", "cc_console=CfDJ8forged-or-expired-value");

        foreach (var supervisor in new[] { sam, ada })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/admin/conferences")).StatusCode);
            }

            await AssertTooManyAsync(await supervisor.GetAsync("/admin/conferences"), maxRetryAfterSeconds: 300);
        }

        // Every client here has the same (test server) address: the supervisors' six requests did not touch its budget.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/conferences")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/admin/conferences")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/conferences")).StatusCode);
        await AssertTooManyAsync(await forged.GetAsync("/admin/conferences"), maxRetryAfterSeconds: 300);
        await AssertTooManyAsync(await anonymous.GetAsync("/admin/conferences"), maxRetryAfterSeconds: 300);
    }

    [Fact]
    public async Task Twilio_webhooks_are_never_rate_limited_even_with_every_limit_at_one()
    {
        await using var service = factory.With(("RateLimits:Admin:PermitLimit", "1"), ("RateLimits:ConsoleSignIn:PermitLimit", "1"));
        var client = service.CreateClient();
        await client.GetAsync("/admin/conferences");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/admin/conferences")).StatusCode); // the limiter is on

        var burst = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.SendAsync(TwilioSigner.SignedPost("http://localhost/voice", TwilioForms.IncomingCall($"CA{i:x32}")))));

        Assert.All(burst, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public void A_limit_that_is_not_a_number_of_requests_names_its_key_at_start()
    {
        using var service = factory.With(("RateLimits:ConsoleSignIn:PermitLimit", "0"));

        var failure = service.StartupFailure();

        Assert.Contains("RateLimits:ConsoleSignIn:PermitLimit", failure.Message, StringComparison.Ordinal);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, int maxRetryAfterSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":429", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, maxRetryAfterSeconds);
    }

    /// <summary>A stand-in for the console's sign-in route (built on another branch), under the same named policy.</summary>
    private sealed class SignInEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseRateLimiter();
            app.UseEndpoints(endpoints => endpoints.MapPost(SignInPath, () => Results.Ok()).RequireRateLimiting(RateLimitingExtensions.ConsoleSignInPolicy));
            next(app);
        };
    }
}
