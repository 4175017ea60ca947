using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unsent_RowSentAcknowledgedAndEscalated_KeepsItsContentAndStartsDeliveryAfresh()
    {
        var sent = new OutboxMessage("a1-sms", "a1", "desk", Channel.Sms, "+15005550006", "Subject", "Text ACK 1234", null, Severity.Severe, "item", Now,
            DeliveryStatus.Sent, Attempts: 2, ProviderMessageId: "SM1", Error: "503", Version: "v7", ClaimedAt: Now, FallbackEmail: "desk@example.org",
            DigestPeriod: "2026-11-24", IncidentId: "i1", AckCode: "1234", AckedAt: Now, Escalated: true, DeliveryState: "delivered", QueuedAt: Now,
            NextAttemptAt: Now)
        {
            AckedBy = "desk",
            AckedVia = AckVia.SmsReply,
        };

        var copy = sent.Unsent(Now.AddMinutes(15));

        Assert.Equal(
            new OutboxMessage("a1-sms", "a1", "desk", Channel.Sms, "+15005550006", "Subject", "Text ACK 1234", null, Severity.Severe, "item", Now.AddMinutes(15),
                FallbackEmail: "desk@example.org", IncidentId: "i1", AckCode: "1234"),
            copy);
    }
}
