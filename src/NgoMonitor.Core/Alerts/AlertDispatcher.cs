using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

public sealed record DispatchReport(int Sent, int Printed, int Retrying, int Failed);

/// <summary>
/// Sends what waits in the outbox: claim (so a parallel invocation skips it), send through the message's
/// channel, record the outcome. A provider exception counts as a transient failure and the message is retried
/// next cycle until <see cref="AlertsOptions.MaxAttempts"/>.
/// </summary>
public sealed class AlertDispatcher(IOutbox outbox, IEnumerable<IAlertChannel> channels, AlertsOptions options)
{
    private readonly Dictionary<Channel, IAlertChannel> _channels = channels.ToDictionary(c => c.Channel);

    public async Task<DispatchReport> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        int sent = 0, printed = 0, retrying = 0, failed = 0;
        foreach (var pending in await outbox.GetPendingAsync(cancellationToken))
        {
            var claimed = await outbox.TryClaimAsync(pending, cancellationToken);
            if (claimed is null)
            {
                continue; // another dispatcher has it
            }

            var result = await SendAsync(claimed, cancellationToken);
            await outbox.CompleteAsync(claimed, result, options.MaxAttempts, cancellationToken);
            _ = result.Status switch
            {
                DeliveryStatus.Sent => sent++,
                DeliveryStatus.Printed => printed++,
                DeliveryStatus.Pending when claimed.Attempts + 1 < options.MaxAttempts => retrying++,
                _ => failed++,
            };
        }

        return new DispatchReport(sent, printed, retrying, failed);
    }

    private async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"No {message.Channel} channel is registered");
        }

        try
        {
            return await channel.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.Pending, Error: ex.GetType().Name + ": " + ex.Message);
        }
    }
}
