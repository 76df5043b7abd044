namespace ContactCenter.Tests.Control;

/// <summary>Which conference callbacks the transfer observer looks up: only those that can move a transfer.</summary>
public sealed class TransferObserverFilterTests
{
    [Theory]
    [InlineData("participant-join", "agent", false)]
    [InlineData("participant-leave", "agent", false)]
    [InlineData("participant-join", "supervisor-sam", false)]
    [InlineData("participant-join", "customer", false)]
    [InlineData("participant-leave", "customer", true)]
    [InlineData("participant-join", "transfer-target", true)]
    [InlineData("participant-leave", "transfer-target-2", true)]
    [InlineData("participant-leave", null, true)]
    public void Only_callbacks_that_can_move_a_transfer_are_looked_up(string eventType, string? label, bool lookedUp)
    {
        var fields = label is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ParticipantLabel"] = label };
        var stored = new ContactCenter.Api.Conferences.StoredConferenceEvent(
            "CF" + new string('0', 32), 3, eventType, "CA" + new string('1', 32), null, DateTimeOffset.UnixEpoch, fields);

        Assert.Equal(lookedUp, ContactCenter.Api.Control.TransferObserver.MayMoveATransfer(stored));
    }
}
