using NgoMonitor.Core.Matching;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Core.Alerts;

public sealed record AlertingReport(int Planned, int Held, int Digests, int Escalated);

/// <summary>What planning the incidents a poll batch touched produced: the counts, and the rows to send now (the
/// dispatch queue message's content).</summary>
public sealed record PlannedAlerts(AlertingReport Report, IReadOnlyList<OutboxRef> ToSend);

/// <summary>
/// The alerting step of a cycle, after every feed has been folded into incidents:
/// 1. plan an alert (or an update) per recipient of each recent incident whose severity rose for them
///    (<see cref="AlertPlanner.PlanIncident"/>), route each channel through the subscription
///    (<see cref="SubscriptionPolicy"/>: send, hold for the digest, or drop) and add the rows to the outbox, then
///    record on the incident what each recipient was alerted at (last, so a crash re-plans the same idempotent rows);
/// 2. turn held rows whose digest period has closed into one digest message per recipient and period;
/// 3. copy unacknowledged alerts at or above <see cref="AlertsOptions.EscalateAtOrAbove"/> older than
///    <see cref="AlertsOptions.EscalateAfter"/> to the recipient's backup, with the backup's own acknowledgement link;
/// 4. tell admins, once, of each SMS number newly blocked (<see cref="SmsBlockNotice"/>).
/// A recipient whose SMS is blocked gets the alert by email, or else their backup gets it (step 1).
/// Dispatch is separate (<see cref="AlertDispatcher"/>).
/// </summary>
public sealed class IncidentAlerter(IIncidentStore incidents, IOutbox outbox, IRecipientStateStore recipientStates, AlertPlanner planner, AlertComposer composer, AlertsOptions options)
{
    public async Task<AlertingReport> RunAsync(MonitorConfig config, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = config.Recipients.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var recent = await incidents.GetSinceAsync(now - options.IncidentWindow, cancellationToken);
        var plan = await PlanAsync(config, recipients, recent, now, queued: false, cancellationToken);
        var digests = await DigestAsync(recipients, now, cancellationToken);
        var escalated = await EscalateAsync(recipients, now, cancellationToken);
        await ReportSmsBlocksAsync(recipients, now, cancellationToken);
        return new AlertingReport(plan.Report.Planned, plan.Report.Held, digests, escalated);
    }

    private async Task ReportSmsBlocksAsync(Dictionary<string, Recipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var admins = recipients.Values.Where(r => r.IsAdmin).ToList();
        foreach (var block in (await recipientStates.ListSmsBlocksAsync(cancellationToken)).Where(b => !b.AdminsTold))
        {
            var blocked = recipients.GetValueOrDefault(block.RecipientId);
            var backup = blocked?.BackupId is { } b ? recipients.GetValueOrDefault(b) : null;
            await outbox.AddAsync(SmsBlockNotice.AdminMessages(block, blocked, backup, admins, now), cancellationToken);
            await recipientStates.MarkAdminsToldAsync(block.RecipientId, cancellationToken);
        }
    }

    /// <summary>
    /// The alert's messages for its recipient; when their SMS is blocked and no other channel is left, the backup's
    /// messages instead (each routed by the backup's own subscription).
    /// </summary>
    private IEnumerable<(Recipient To, OutboxMessage Message)> MessagesFor(Alert alert, IReadOnlyDictionary<string, string> blocked, Dictionary<string, Recipient> recipients)
    {
        var own = planner.Messages(alert, blocked.ContainsKey(alert.Recipient.Id));
        if (own.Count > 0 || !blocked.ContainsKey(alert.Recipient.Id)
            || alert.Recipient.BackupId is not { } backupId || !recipients.TryGetValue(backupId, out var backup) || backup.Id == alert.Recipient.Id)
        {
            return own.Select(m => (alert.Recipient, m));
        }

        var forBackup = planner.Messages(alert with { Recipient = backup }, blocked.ContainsKey(backup.Id));
        return SmsBlockNotice.Redirect(forBackup, alert.Recipient).Select(m => (backup, m));
    }

    /// <summary>
    /// Step 1 only, for the incidents a poll batch just touched, as the grouper saved them (no second read): what the
    /// poll queue's consumer does right after folding, so an alert leaves within the batch instead of waiting for the
    /// next tick. Returns the rows to send now (the dispatch queue message's content); the caller queues them at once,
    /// so they are stored as <see cref="DispatchQueue.Promised"/> and the timer's sweep leaves them to that message.
    /// </summary>
    public async Task<PlannedAlerts> PlanTouchedAsync(MonitorConfig config, IReadOnlyList<Incident> touched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (touched.Count == 0)
        {
            return new PlannedAlerts(new AlertingReport(0, 0, 0, 0), []);
        }

        var recipients = config.Recipients.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return await PlanAsync(config, recipients, touched, now, queued: true, cancellationToken);
    }

    /// <param name="queued">The caller queues the rows to send right away (a poll batch); otherwise (the timer) they
    /// are stored unqueued and the timer's sweep, which runs next, queues them.</param>
    private async Task<PlannedAlerts> PlanAsync(MonitorConfig config, Dictionary<string, Recipient> recipients, IReadOnlyList<Incident> candidates, DateTimeOffset now, bool queued, CancellationToken cancellationToken)
    {
        var watchlists = config.Watchlists.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var blocked = await recipientStates.GetSmsBlockedAsync(cancellationToken);
        var smsLastHour = new Dictionary<string, int>(StringComparer.Ordinal);
        int planned = 0, held = 0;
        var toSend = new List<OutboxRef>();
        foreach (var incident in candidates)
        {
            var alerts = planner.PlanIncident(incident, watchlists, recipients, now);
            if (alerts.Count == 0)
            {
                continue;
            }

            var rows = new List<OutboxMessage>();
            foreach (var alert in alerts)
            {
                foreach (var (to, message) in MessagesFor(alert, blocked, recipients))
                {
                    var count = 0;
                    if (message.Channel == Channel.Sms && !smsLastHour.TryGetValue(to.Id, out count))
                    {
                        count = await outbox.CountSentSinceAsync(to.Id, Channel.Sms, now - TimeSpan.FromHours(1), cancellationToken);
                    }

                    switch (SubscriptionPolicy.Route(to, message.Channel, alert.Severity, now, count))
                    {
                        case AlertRoute.Send:
                            rows.Add(queued ? DispatchQueue.Promised(message, now) : message);
                            planned++;
                            if (message.Channel == Channel.Sms)
                            {
                                smsLastHour[to.Id] = count + 1;
                            }

                            break;
                        case AlertRoute.Digest:
                            rows.Add(message with { Delivery = Delivery.HeldFor(SubscriptionPolicy.DigestPeriod(to, now)) });
                            held++;
                            break;
                        default:
                            break; // below the recipient's minimum severity
                    }
                }
            }

            await outbox.AddAsync(rows, cancellationToken);
            toSend.AddRange(rows.Where(r => r.Status == DeliveryStatus.Pending).Select(r => new OutboxRef(r.RecipientId, r.Id)));
            var alerted = new Dictionary<string, Severity>(incident.Alerted, StringComparer.Ordinal);
            foreach (var alert in alerts)
            {
                alerted[alert.Recipient.Id] = alert.Severity;
            }

            // A concurrent change (another feed joined the incident) makes this fail: the next cycle re-plans, with
            // the same ids for what was added here, so nothing is sent twice.
            await incidents.TrySaveAsync(incident with { Alerted = alerted }, cancellationToken);
        }

        return new PlannedAlerts(new AlertingReport(planned, held, 0, 0), toSend);
    }

    private async Task<int> DigestAsync(Dictionary<string, Recipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var digests = 0;
        var groups = (await outbox.GetHeldAsync(cancellationToken)).GroupBy(h => (h.RecipientId, Period: h.Delivery.DigestPeriod ?? ""));
        foreach (var group in groups)
        {
            if (!recipients.TryGetValue(group.Key.RecipientId, out var recipient)
                || string.CompareOrdinal(group.Key.Period, SubscriptionPolicy.DigestPeriod(recipient, now)) >= 0)
            {
                continue; // the period is still open
            }

            var held = group.ToList();
            await outbox.AddAsync([composer.Digest(recipient, group.Key.Period, held, now)], cancellationToken);
            foreach (var row in held)
            {
                await outbox.TryUpdateAsync(row with { Delivery = row.Delivery.Digest() }, cancellationToken);
            }

            digests++;
        }

        return digests;
    }

    private async Task<int> EscalateAsync(Dictionary<string, Recipient> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalated = 0;
        var open = await outbox.GetUnacknowledgedAsync(options.EscalateAtOrAbove, now - options.EscalateAfter, cancellationToken);
        foreach (var alert in open.GroupBy(r => (r.RecipientId, r.AlertId)))
        {
            var rows = alert.ToList();
            if (!recipients.TryGetValue(alert.Key.RecipientId, out var recipient) || recipient.BackupId is null
                || !recipients.TryGetValue(recipient.BackupId, out var backup))
            {
                continue;
            }

            var copies = backup.Channels.Distinct()
                .Where(c => backup.AddressFor(c) is { Length: > 0 })
                .Select(c =>
                {
                    var source = rows.FirstOrDefault(r => r.Channel == c) ?? rows[0];
                    var prefix = $"ESCALATED, no ACK from {recipient.Name}: ";

                    // The copy carries the backup's own acknowledgement link (in place of the officer's), so the page
                    // and the audit log say the backup acknowledged.
                    var theirs = AckLinks.Create(options, recipient.Id, alert.Key.AlertId, source.Channel);
                    var mine = AckLinks.Create(options, backup.Id, alert.Key.AlertId, c);
                    string Relink(string text) => theirs is null || mine is null ? text : text.Replace(theirs, mine, StringComparison.Ordinal);
                    // A new row (no queue promise: the sweep right after this queues the copy).
                    return source.Unsent(now) with
                    {
                        Id = $"{alert.Key.AlertId}-esc-{backup.Id}-{c.ToString().ToLowerInvariant()}",
                        RecipientId = backup.Id,
                        Channel = c,
                        Address = backup.AddressFor(c)!,
                        Subject = prefix + source.Subject,
                        Text = c == Channel.Sms && source.Channel != Channel.Sms
                            ? prefix + source.Subject + " ACK " + source.AckCode + (mine is null ? "" : " " + mine)
                            : Relink(prefix + source.Text),
                        Html = c == Channel.Email && source.Html is { } html ? Relink(html) : null,
                        FallbackEmail = c == Channel.Sms ? backup.Email : null,
                    };
                })
                .ToList();
            await outbox.AddAsync(copies, cancellationToken);
            foreach (var row in rows)
            {
                await outbox.TryUpdateAsync(row with { FollowUp = row.FollowUp with { Escalated = true } }, cancellationToken);
            }

            escalated++;
        }

        return escalated;
    }
}
