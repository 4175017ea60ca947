using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Matching;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static OutboxMessage Content(DateTimeOffset createdAt) =>
        new("a1-sms", "a1", "desk", Channel.Sms, "+15005550006", "Subject", "Text ACK 1234", null, Severity.Severe, "item", createdAt,
            FallbackEmail: "desk@example.org", IncidentId: "i1", AckCode: "1234");

    [Fact]
    public void Unsent_RowSentAcknowledgedAndEscalated_KeepsItsContentAndStartsDeliveryAfresh()
    {
        var sent = Content(Now) with
        {
            Delivery = Delivery.Restore(DeliveryStatus.Sent, 2, "SM1", "503", Now, Now, Now, "delivered", "2026-11-24"),
            FollowUp = new AlertFollowUp(Now, "desk", AckVia.SmsReply, Escalated: true),
            Version = "v7",
        };

        var copy = sent.Unsent(Now.AddMinutes(15));

        Assert.Equal(Content(Now.AddMinutes(15)), copy);
    }
}
