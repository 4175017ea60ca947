using NgoMonitor.Core.Matching.Evaluation;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Evaluation;

public sealed class CategoryLabelTests
{
    private static EventExample Incident(int year, params string[] labels) =>
        new("ii-test:" + year, new DateOnly(year, 6, 1), "", "Two aid workers were shot dead at a checkpoint.", labels.ToHashSet());

    [Fact]
    public void IsPositive_AidWorkerKillingBefore2020_IsUnknownRatherThanNegative()
    {
        Assert.Null(EventCorpus.LabelOf("aid-worker-attacked").IsPositive(Incident(2018)));
    }

    [Fact]
    public void IsPositive_AidWorkerKillingFrom2020_FollowsTheCodedLabel()
    {
        var label = EventCorpus.LabelOf("aid-worker-attacked");

        Assert.True(label.IsPositive(Incident(2021, "aid_worker_attacked")));
        Assert.False(label.IsPositive(Incident(2021, "health_attack")));
    }

    [Fact]
    public void IsPositive_AidWorkerKidnappingBefore2020_IsUnknown()
    {
        Assert.Null(EventCorpus.LabelOf("aid-worker-kidnapped").IsPositive(Incident(2019)));
    }

    [Fact]
    public void IsPositive_IncidentAfterTheHealthDataEnds_IsUnknownForHealthCare()
    {
        Assert.Null(EventCorpus.LabelOf("health-care").IsPositive(Incident(2024)));
        Assert.False(EventCorpus.LabelOf("health-care").IsPositive(Incident(2023)));
    }

    [Fact]
    public void IsPositive_CategoryWithoutADataLabel_IsUnknown()
    {
        Assert.Null(EventCorpus.LabelOf("border-closures").IsPositive(Incident(2021, "aid_worker_attacked")));
    }

    [Fact]
    public void IsPositive_UndatedIncident_IsUnknown()
    {
        var undated = Incident(2021, "kidnapping_any") with { Date = null };

        Assert.Null(EventCorpus.LabelOf("kidnapping").IsPositive(undated));
    }
}
