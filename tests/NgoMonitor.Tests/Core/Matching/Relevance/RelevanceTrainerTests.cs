using NgoMonitor.Core.Matching.Relevance;
using Xunit;

namespace NgoMonitor.Tests.Core.Matching.Relevance;

public sealed class RelevanceTrainerTests
{
    private static readonly string[] Attacks =
    [
        "Hospital shelled, nurses killed", "Clinic bombed by aircraft", "Gunmen stormed the hospital and shot a doctor",
        "Ambulance hit by a missile", "Health centre looted and burned", "Doctors abducted from the clinic",
    ];

    private static readonly string[] Ordinary =
    [
        "Hospital opens a new maternity wing", "Clinic hires two nurses", "Council approves the hospital budget",
        "Doctor wins a community award", "Flu vaccines arrive at the health centre", "Nurses celebrate a retirement",
    ];

    private static List<TrainingExample> Synthetic() =>
    [
        .. Attacks.Select((t, i) => new TrainingExample("a" + i, RelevanceFeatures.Names(t, ""), new Dictionary<string, bool> { ["health-care"] = true })),
        .. Ordinary.Select((t, i) => new TrainingExample("o" + i, RelevanceFeatures.Names(t, ""), new Dictionary<string, bool> { ["health-care"] = false })),
    ];

    private static RelevanceModel Train() =>
        RelevanceTrainer.Train(Synthetic(), [("health-care", 0.5f)], "test licence", new TrainerOptions(MinDocumentFrequency: 1));

    [Fact]
    public void Train_SameExamplesTwice_WritesTheSameBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        Train().Write(first);
        Train().Write(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Train_SyntheticAttacksAndOrdinaryNews_ScoresAnUnseenAttackAboveUnseenNews()
    {
        var model = Train();

        var attack = model.Score("health-care", RelevanceFeatures.Extract("Hospital shelled overnight", "")).Score;
        var ordinary = model.Score("health-care", RelevanceFeatures.Extract("Hospital opens a new wing", "")).Score;

        Assert.True(attack > 0.5 && ordinary < 0.5, $"attack {attack}, ordinary {ordinary}");
    }

    [Fact]
    public void Train_InvalidOptions_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RelevanceTrainer.Train(Synthetic(), [("health-care", 0.5f)], "", new TrainerOptions(Epochs: 0)));
    }
}
