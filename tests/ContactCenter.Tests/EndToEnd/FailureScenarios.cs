using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Api.Control;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>Twilio answering late, on real sockets: the request reaches the simulator, which acts; its answer comes after the attempt timeout.</summary>
public sealed class FailureScenarios
{
    [Fact]
    public async Task A_transfer_whose_dial_answers_late_is_rolled_back_and_the_room_takes_the_next_transfer()
    {
        var late = new LateAnswers();
        await using var live = LiveContactCenter.Start(false,
            services => services.AddHttpClient(TwilioRestGateway.HttpClientName).AddHttpMessageHandler(() => new LateAnswerHandler(late)),
            ("Twilio:Rest:AttemptTimeout", "00:00:01"));
        var (caller, room, alice) = await live.CallerWithAgentAsync();
        late.Endpoint = "client:bob";

        var response = await live.Admin.PostAsJsonAsync($"/admin/conferences/{room}/transfers", new { type = "warm", to = new { agent = "bob" } });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.GatewayTimeout, text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("unknown", problem.GetProperty("outcome").GetString());
        Assert.Equal("Dial", problem.GetProperty("operation").GetString());
        var id = problem.GetProperty("transferId").GetString()!;
        Assert.Equal("failed", (await live.Admin.GetOkAsync<TransferView>($"/admin/conferences/{room}/transfers/{id}")).State);

        // Bob's leg was placed and answered; the rollback removed it by its label, and the caller is back with alice.
        await live.RoomWhenAsync(room, r => !r.Participant(caller).Hold && !r.Participants.Any(p => p.InRoom && p.Label == "transfer-target"),
            "the caller off hold, bob's leg gone");
        await live.AssertTalkingAsync(room, caller, alice);
        Assert.Contains(await live.Admin.GetOkAsync<List<AuditEntry>>($"/admin/audit?room={room}"),
            a => a.Action == "transfer.start.warm" && a.Outcome == "unknown" && a.Detail!.Contains(id, StringComparison.Ordinal));

        var next = await live.StartTransferAsync(room, "warm", new { number = "+14155550124" });
        Assert.Equal("dialing", next.State);
        Assert.Equal(1, late.Creates.Count(to => to == "client:bob"));
    }

    /// <summary>Which endpoint's dial answers late, and every endpoint dialed.</summary>
    private sealed class LateAnswers
    {
        public volatile string? Endpoint;

        public ConcurrentQueue<string> Creates { get; } = new();
    }

    /// <summary>In the service's Twilio client, below the attempt timeout: the request goes out, the answer is held back.</summary>
    private sealed class LateAnswerHandler(LateAnswers late) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isCreate = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/Participants.json", StringComparison.Ordinal);
            var to = isCreate ? System.Web.HttpUtility.ParseQueryString(await request.Content!.ReadAsStringAsync(cancellationToken))["To"] : null;
            if (to is not null)
            {
                late.Creates.Enqueue(to);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (to is not null && to == Interlocked.CompareExchange(ref late.Endpoint, null, to))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return response;
        }
    }
}
