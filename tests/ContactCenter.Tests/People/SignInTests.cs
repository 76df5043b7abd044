using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Api.People;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.People;

public sealed class SignInTests
{
    [Theory]
    [InlineData("alice", PeopleFixture.AliceKey, "/console/agent")]
    [InlineData("sam", PeopleFixture.SamKey, "/console/supervisor")]
    [InlineData("ada", PeopleFixture.AdaKey, "/console/supervisor")]
    public async Task The_right_key_sets_an_http_only_strict_cookie_and_redirects_by_role(string id, string key, string home)
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();

        var response = await browser.PostLoginAsync(id, key, await browser.LoginTokenAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cc_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(home)).StatusCode);
        var me = JsonDocument.Parse(await browser.GetStringAsync("/console/api/me")).RootElement;
        Assert.Equal(id, me.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("csrfToken").GetString()));
    }

    [Fact]
    public async Task Sign_in_returns_to_a_local_return_url_but_never_to_another_site()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();

        var local = await browser.PostLoginAsync("alice", PeopleFixture.AliceKey, await browser.LoginTokenAsync(), "/console/agent?tab=calls");
        var elsewhere = await browser.PostLoginAsync("alice", PeopleFixture.AliceKey, await browser.LoginTokenAsync(), "//evil.example/console");

        Assert.Equal("/console/agent?tab=calls", local.Headers.Location?.OriginalString);
        Assert.Equal("/console/agent", elsewhere.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_key_or_unknown_id_answers_the_form_with_an_error_and_does_the_same_work_as_a_right_key()
    {
        var hasher = new CountingHasher();
        await using var service = new ContactCenterFactory().WithPeople()
            .WithServices(services => services.AddSingleton<IKeyHasher>(hasher));
        var browser = service.CreateBrowser();
        var token = await browser.LoginTokenAsync();

        var work = new List<(int Hashes, int Compares)>();
        foreach (var (id, key) in new[] { ("alice", PeopleFixture.AliceKey), ("alice", PeopleFixture.BobKey), ("nobody", "whatever-it-is-0123456789"), ("alice", "") })
        {
            hasher.Reset();
            var response = await browser.PostLoginAsync(id, key, token);
            work.Add((hasher.Hashes, hasher.Compares));
            if (key != PeopleFixture.AliceKey)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Contains("Unknown id or wrong key.", await response.Content.ReadAsStringAsync());
                Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("cc_console=", StringComparison.Ordinal)));
            }
        }

        Assert.All(work, w => Assert.Equal((1, 4), w));
    }

    [Fact]
    public async Task The_eleventh_sign_in_in_a_minute_is_429_with_retry_after_while_webhooks_are_never_limited()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();
        var twilio = service.CreateClient();
        var token = await browser.LoginTokenAsync();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostLoginAsync("alice", "wrong-key-0123456789", token)).StatusCode);
        }

        var limited = await browser.PostLoginAsync("alice", PeopleFixture.AliceKey, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        for (var i = 0; i < 15; i++)
        {
            var caller = PeopleFixture.Sid("CA", 100 + i);
            Assert.Equal(HttpStatusCode.OK, (await twilio.PostTwilioAsync("/voice", TwilioForms.IncomingCall(caller))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await twilio.PostTwilioAsync("/conference-events",
                TwilioForms.ConferenceEvent(PeopleFixture.Sid("CF", 100 + i), "room-" + caller, 1, "conference-start", CallScenario.At(i)))).StatusCode);
        }
    }

    [Fact]
    public async Task Login_logout_and_cookie_signed_changes_without_the_antiforgery_token_are_400_but_bearer_keys_need_none()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        await service.SeedAgentsAsync();
        var anonymous = service.CreateBrowser();
        var login = await anonymous.PostLoginAsync("alice", PeopleFixture.AliceKey);
        var noHeader = await service.SignedInAsync("alice", PeopleFixture.AliceKey, csrf: false);
        var withHeader = await service.SignedInAsync("alice", PeopleFixture.AliceKey);
        var presence = () => JsonContent.Create(new { presence = "away" });

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await noHeader.PutAsync("/admin/agents/alice/presence", presence())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await noHeader.PostAsync("/console/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.GetAsync("/admin/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withHeader.PutAsync("/admin/agents/alice/presence", presence())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateAdminClient(PeopleFixture.AliceBearer).PutAsync("/admin/agents/alice/presence", presence())).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_a_copy_of_the_old_cookie_is_refused()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();
        var response = await browser.PostLoginAsync("sam", PeopleFixture.SamKey, await browser.LoginTokenAsync());
        var stolen = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc_console=", StringComparison.Ordinal)).Split(';')[0];
        var token = JsonDocument.Parse(await browser.GetStringAsync("/console/api/me")).RootElement.GetProperty("csrfToken").GetString()!;

        var thief = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        thief.DefaultRequestHeaders.Add("Cookie", stolen);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/admin/conferences")).StatusCode);

        var logout = new HttpRequestMessage(HttpMethod.Post, "/console/logout") { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]) };
        var signedOut = await browser.SendAsync(logout);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/console/login", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/console/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/admin/conferences")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/console/api/me")).StatusCode);
        var page = await thief.GetAsync("/console/supervisor");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/console/login?returnUrl=", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Without_a_session_the_api_answers_401_problems_and_pages_redirect_to_sign_in()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();

        var api = await browser.GetAsync("/console/api/me");
        var page = await browser.GetAsync("/console/agent");
        var agentOnSupervisorPage = await (await service.SignedInAsync("alice", PeopleFixture.AliceKey)).GetAsync("/console/supervisor");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/console/login?returnUrl=%2Fconsole%2Fagent", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, agentOnSupervisorPage.StatusCode);
    }

    [Fact]
    public async Task Me_answers_for_a_bearer_key_with_its_person_and_role()
    {
        await using var service = new ContactCenterFactory().WithPeople();

        var alice = JsonDocument.Parse(await service.CreateAdminClient(PeopleFixture.AliceBearer).GetStringAsync("/console/api/me")).RootElement;
        var admin = JsonDocument.Parse(await service.CreateAdminClient().GetStringAsync("/console/api/me")).RootElement;

        Assert.Equal(("alice", "Alice (demo)", "agent"), (alice.GetProperty("id").GetString(), alice.GetProperty("name").GetString(), alice.GetProperty("role").GetString()));
        Assert.Equal((ContactCenterFactory.AdminName, "admin"), (admin.GetProperty("id").GetString(), admin.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Keys_are_never_logged_whether_right_or_wrong()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var browser = service.CreateBrowser();
        var token = await browser.LoginTokenAsync();
        await browser.PostLoginAsync("alice", PeopleFixture.AliceKey, token);
        await browser.PostLoginAsync("bob", "a-wrong-key-for-bob-987654", token);
        await service.CreateAdminClient(PeopleFixture.AliceBearer).GetAsync("/admin/agents");
        await service.Logs.WaitForAsync(e => e.RenderMessage().Contains("Console sign-in refused", StringComparison.Ordinal));

        var logs = string.Join('\n', service.Logs.Rendered);
        foreach (var secret in new[] { PeopleFixture.AliceKey, PeopleFixture.BobKey, PeopleFixture.SamKey, PeopleFixture.AdaKey, PeopleFixture.AliceBearer, "a-wrong-key-for-bob-987654" })
        {
            Assert.DoesNotContain(secret, logs);
        }
    }

    private sealed class CountingHasher : IKeyHasher
    {
        private readonly Sha256KeyHasher _inner = new();

        public int Hashes { get; private set; }

        public int Compares { get; private set; }

        public void Reset() => (Hashes, Compares) = (0, 0);

        public byte[] Hash(string key)
        {
            Hashes++;
            return _inner.Hash(key);
        }

        public bool Matches(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> stored)
        {
            Compares++;
            return _inner.Matches(presented, stored);
        }
    }
}
