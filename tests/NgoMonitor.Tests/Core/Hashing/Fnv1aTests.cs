using System.Text;
using NgoMonitor.Core.Hashing;
using Xunit;

namespace NgoMonitor.Tests.Core.Hashing;

public sealed class Fnv1aTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Hash32_OfUtf8Bytes_IsThePublishedFnv1aValue(string text, uint expected) =>
        Assert.Equal(expected, Fnv1a.Hash32(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Hash32_OfAsciiText_IsTheSameForUtf16UnitsAndUtf8Bytes() =>
        Assert.Equal(Fnv1a.Hash32(Encoding.UTF8.GetBytes("lgl-40450848")), Fnv1a.Hash32("lgl-40450848"));

    [Fact]
    public void Hash32_OfNonAsciiText_DiffersBetweenUtf16UnitsAndUtf8Bytes() =>
        Assert.NotEqual(Fnv1a.Hash32(Encoding.UTF8.GetBytes("Bamé")), Fnv1a.Hash32("Bamé"));
}
