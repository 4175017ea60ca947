using NgoMonitor.Core.Alerts;
using Xunit;

namespace NgoMonitor.Tests.Core.Alerts;

/// <summary>The delivery state machine of an outbox row: its moves, the ones it refuses, and what each records.</summary>
public sealed class DeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static Delivery Claimed(int failedAttempts = 0)
    {
        var delivery = Delivery.New.Claim(Now);
        for (var i = 0; i < failedAttempts; i++)
        {
            delivery = delivery.Complete(new DeliveryResult(DeliveryStatus.Pending, Error: "503"), 5, Now).Claim(Now);
        }

        return delivery;
    }

    [Fact]
    public void Claim_NewRow_IsSendingClaimedNowWithItsOutcomeUnknown()
    {
        var claimed = Delivery.New.Claim(Now);

        Assert.Equal((DeliveryStatus.Sending, Now, true), (claimed.Status, claimed.ClaimedAt, claimed.OutcomeUnknown));
    }

    [Fact]
    public void Complete_TransientFailureBeforeTheLastAttempt_IsPendingAndNotDueBeforeTheRetryTime()
    {
        var failed = Claimed().Complete(new DeliveryResult(DeliveryStatus.Pending, Error: "Twilio 20500"), maxAttempts: 5, retryAt: Now.AddSeconds(30));

        Assert.Equal((DeliveryStatus.Pending, 1, "Twilio 20500"), (failed.Status, failed.Attempts, failed.Error));
        Assert.False(failed.IsClaimable(Now.AddSeconds(29), Lease));
        Assert.True(failed.IsClaimable(Now.AddSeconds(30), Lease));
    }

    [Fact]
    public void Complete_TransientFailureOnTheLastAttempt_IsFailedWithNoRetryTime()
    {
        var failed = Claimed(failedAttempts: 4).Complete(new DeliveryResult(DeliveryStatus.Pending, Error: "503"), maxAttempts: 5, retryAt: Now.AddMinutes(15));

        Assert.Equal((DeliveryStatus.Failed, 5, (DateTimeOffset?)null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
    }

    [Fact]
    public void Complete_SentAfterAFailure_ClearsTheBackOffAndRecordsTheProvidersId()
    {
        var sent = Claimed(failedAttempts: 1).Complete(new DeliveryResult(DeliveryStatus.Sent, "SM1"), 5, Now.AddMinutes(1));

        Assert.Equal((DeliveryStatus.Sent, 2, "SM1", (DateTimeOffset?)null, (string?)null), (sent.Status, sent.Attempts, sent.ProviderMessageId, sent.NextAttemptAt, sent.Error));
    }

    [Theory]
    [InlineData("a new row", DeliveryStatus.Pending, 0, null, true)]
    [InlineData("a row in its back-off", DeliveryStatus.Pending, 1, null, false)]
    [InlineData("a claim within the lease", DeliveryStatus.Sending, 0, 4, false)]
    [InlineData("a claim past the lease: its dispatcher died", DeliveryStatus.Sending, 0, 5, true)]
    [InlineData("a sent row", DeliveryStatus.Sent, 1, 10, false)]
    [InlineData("a held row", DeliveryStatus.Held, 0, null, false)]
    public void IsClaimable_RowInEachState_OnlyWhenDueOrItsClaimOutlivedTheLease(string label, DeliveryStatus status, int attempts, int? claimedMinutesAgo, bool claimable)
    {
        var delivery = Delivery.Restore(status, attempts, null, null, Now.AddMinutes(-(claimedMinutesAgo ?? 0)), null,
            attempts > 0 && status == DeliveryStatus.Pending ? Now.AddSeconds(30) : null, null, null);

        Assert.True(delivery.IsClaimable(Now, Lease) == claimable, label);
    }

    [Fact]
    public void Claim_StaleSendingRow_IsClaimedAgainAtTheNewTime()
    {
        var reclaimed = Delivery.New.Claim(Now.AddMinutes(-10)).Claim(Now);

        Assert.Equal((DeliveryStatus.Sending, Now), (reclaimed.Status, reclaimed.ClaimedAt));
    }

    [Fact]
    public void HeldThenDigested_KeepsItsDigestPeriod()
    {
        var digested = Delivery.HeldFor("2026-11-24T02").Digest();

        Assert.Equal((DeliveryStatus.Digested, "2026-11-24T02"), (digested.Status, digested.DigestPeriod));
    }

    public static TheoryData<string, Func<Delivery>> RefusedMoves => new()
    {
        { "claiming a sent row", () => Claimed().Complete(new DeliveryResult(DeliveryStatus.Sent, "SM1"), 5, Now).Claim(Now) },
        { "completing a row nobody claimed", () => Delivery.New.Complete(new DeliveryResult(DeliveryStatus.Sent), 5, Now) },
        { "claiming a held row", () => Delivery.HeldFor("2026-11-24").Claim(Now) },
        { "digesting a pending row", () => Delivery.New.Digest() },
        { "an attempt that reports Held", () => Claimed().Complete(new DeliveryResult(DeliveryStatus.Held), 5, Now) },
    };

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void Move_NotInTheDiagram_Throws(string label, Func<Delivery> move) =>
        Assert.True(Record.Exception(move) is InvalidOperationException { Message: var m } && m.Contains("cannot move", StringComparison.Ordinal), label);

    [Fact]
    public void Reported_LaterStateIsRecordedWithItsErrorAndALateEarlierOneIgnored()
    {
        var sent = Claimed().Complete(new DeliveryResult(DeliveryStatus.Sent, "SM1"), 5, Now).Reported("sent", null)!;

        var undelivered = sent.Reported("undelivered", "Twilio 30003 (delivery)")!;

        Assert.Equal(("undelivered", "Twilio 30003 (delivery)", DeliveryStatus.Sent), (undelivered.ProviderState, undelivered.Error, undelivered.Status));
        Assert.Null(undelivered.Reported("sent", null));
    }

    [Fact]
    public void Queued_AnyState_RecordsWhenTheMessageAppearsWithoutMoving()
    {
        var queued = Claimed().Queued(Now.AddMinutes(2));

        Assert.Equal((DeliveryStatus.Sending, Now.AddMinutes(2)), (queued.Status, queued.QueuedAt));
    }
}
