using System.Threading.Channels;

namespace ContactCenter.Api.Reactions;

/// <summary>Wakes the worker on this instance as soon as a callback's group commit queued a reaction.</summary>
public sealed class ReactionSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _wake.Reader.WaitToReadAsync(cancellationToken);

    internal void Reset() => _wake.Reader.TryRead(out _);
}

/// <summary>Work that must be finished after a crash (a transfer left half-done); run at start and at every poll.</summary>
public interface IReactionRecovery
{
    /// <param name="orphanedBefore">Work last touched before this moment belongs to nobody alive.</param>
    Task RecoverAsync(DateTime orphanedBefore, CancellationToken cancellationToken);
}
