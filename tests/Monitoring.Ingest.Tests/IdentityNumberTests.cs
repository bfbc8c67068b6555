using Monitoring.ServiceDefaults.Requests;
using Xunit;

namespace Monitoring.Ingest.Tests;

/// <summary>GB 11643 numbers: the standard's own example, and one fault each.</summary>
public sealed class IdentityNumberTests
{
    static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData("11010519491231002X")] // GB 11643's example, check character X
    [InlineData("11010519491231002x")] // lower-case x is the same number
    [InlineData("330106199003070014")]
    public void A_valid_number_passes(string number) =>
        Assert.Null(IdentityNumber.Problem(number, Today));

    [Theory]
    [InlineData("110105194912310021", "check character")]
    [InlineData("11010519491231002", "18-character")]
    [InlineData("1101051949123100211", "18-character")]
    [InlineData("11010519491331002X", "birth date")]
    [InlineData("11010520270101002X", "birth date")]
    [InlineData("1101051949123100ZX", "17 digits")]
    public void A_faulty_number_is_refused_saying_why(string number, string reason) =>
        Assert.Contains(reason, IdentityNumber.Problem(number, Today), StringComparison.Ordinal);

    [Fact]
    public void The_check_character_is_ISO_7064_MOD_11_2() =>
        Assert.Equal('X', IdentityNumber.CheckCharacter("11010519491231002"));
}
