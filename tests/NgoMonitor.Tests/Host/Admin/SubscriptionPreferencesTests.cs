using NgoMonitor.Adapters.Admin;
using NgoMonitor.Host.Admin;
using Xunit;

namespace NgoMonitor.Tests.Host.Admin;

public sealed class SubscriptionPreferencesTests
{
    [Fact]
    public void Apply_ValidPreferences_SetsEachOnTheRecipient()
    {
        var officer = Officer();

        var errors = SubscriptionPreferences.Apply(new SubscriptionChange { MinSeverity = "severe", Language = "fr", QuietHours = new QuietHoursEntry { Start = "21:30", End = "06:00" } }, officer);

        Assert.Empty(errors);
        Assert.Equal("severe", officer.MinSeverity);
        Assert.Equal("fr", officer.Language);
        Assert.Equal(("21:30", "06:00", "severe"), (officer.QuietHours!.Start, officer.QuietHours.End, officer.QuietHours.OverrideSeverity));
    }

    [Theory]
    [InlineData("severity not on the scale", "urgent", null, "22:00", "07:00", "minSeverity")]
    [InlineData("language not offered", null, "de", "22:00", "07:00", "language")]
    [InlineData("start not a time", null, null, "10pm", "07:00", "quietHours.start")]
    [InlineData("end past midnight", null, null, "22:00", "24:30", "quietHours.end")]
    [InlineData("only a start", null, null, "22:00", "", "quietHours.end")]
    [InlineData("start equals end", null, null, "22:00", "22:00", "quietHours.end")]
    public void Apply_BadValue_NamesTheFieldAndLeavesItsValue(string label, string? minSeverity, string? language, string start, string end, string field)
    {
        var officer = Officer();

        var errors = SubscriptionPreferences.Apply(new SubscriptionChange { MinSeverity = minSeverity, Language = language, QuietHours = new QuietHoursEntry { Start = start, End = end } }, officer);

        Assert.True(errors.ContainsKey(field), $"{label}: {string.Join("; ", errors.Keys)}");
        Assert.Equal("moderate", officer.MinSeverity);
        Assert.Null(officer.Language);
        Assert.True(field.StartsWith("quietHours", StringComparison.Ordinal) ? officer.QuietHours!.Start == "23:00" : errors.Count == 1, label);
    }

    [Fact]
    public void Apply_BothQuietTimesEmpty_TurnsQuietHoursOff()
    {
        var officer = Officer();

        var errors = SubscriptionPreferences.Apply(new SubscriptionChange { QuietHours = new QuietHoursEntry { Start = "", End = "" } }, officer);

        Assert.Empty(errors);
        Assert.Null(officer.QuietHours);
    }

    [Fact]
    public void Apply_ShownDefaultsSentBack_LeaveTheStoredFieldsUnset()
    {
        var officer = new RecipientEntry { Id = "goma-officer" };

        var errors = SubscriptionPreferences.Apply(new SubscriptionChange { MinSeverity = "minor", Language = "en", QuietHours = new QuietHoursEntry { Start = "", End = "" } }, officer);

        Assert.Empty(errors);
        Assert.Equal((null, null, null), (officer.MinSeverity, officer.Language, officer.QuietHours));
    }

    [Fact]
    public void Apply_FieldsLeftOut_KeepTheirValues()
    {
        var officer = Officer();

        Assert.Empty(SubscriptionPreferences.Apply(new SubscriptionChange(), officer));

        Assert.Equal(("moderate", "23:00"), (officer.MinSeverity, officer.QuietHours!.Start));
    }

    private static RecipientEntry Officer() => new()
    {
        Id = "goma-officer",
        MinSeverity = "moderate",
        QuietHours = new QuietHoursEntry { Start = "23:00", End = "06:00", OverrideSeverity = "severe" },
    };
}
