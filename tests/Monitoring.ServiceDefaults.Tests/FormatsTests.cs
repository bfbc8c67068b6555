using Monitoring.ServiceDefaults.Access;
using Monitoring.ServiceDefaults.Requests;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

/// <summary>Every code format matches the whole value: a trailing newline, a NUL or a wildcard is not part of a code.</summary>
public sealed class FormatsTests
{
    public static TheoryData<string, Func<string, bool>, string> Codes() => new()
    {
        { "plan id", Formats.IsPlanId, "SEC-1" },
        { "org code", Formats.IsOrgCode, "S3001" },
        { "region", Formats.IsZhejiangRegion, "330106" },
        { "region or province", Formats.IsRegionOrProvince, "330000" },
        { "occupation code", v => Formats.OccupationCode().IsMatch(v), "4-03-02-01" },
        { "certificate number", v => Formats.CertificateNo().IsMatch(v), "S000133000001264000001" },
        { "policy version", ParameterGuard.IsPolicyVersion, "zj-2027.1" },
        { "printable text", Formats.IsPrintableText, "某培训学校" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_code_is_accepted_whole_and_refused_with_a_trailing_newline_or_control_character(string name, Func<string, bool> isValid, string good)
    {
        Assert.True(isValid(good), name);
        Assert.False(isValid(good + "\n"), name + " with a trailing LF");
        Assert.False(isValid(good + "\r\n"), name + " with a trailing CR LF");
        Assert.False(isValid(good + "\0"), name + " with a NUL");
        Assert.False(isValid("\n" + good), name + " with a leading LF");
    }

    [Theory]
    [InlineData("𠮷野家")]
    [InlineData("浙江省某某职业技能培训学校")]
    public void Text_with_rare_characters_outside_the_bmp_is_printable(string text) => Assert.True(Formats.IsPrintableText(text));

    [Theory]
    [InlineData("a\u200Bb")]
    [InlineData("   ")]
    [InlineData("")]
    public void Blank_text_and_format_characters_are_not_printable(string text) => Assert.False(Formats.IsPrintableText(text));

    [Fact]
    public void An_unpaired_surrogate_is_not_text() => Assert.False(Formats.IsPrintableText("P" + (char)0xD842));

    [Theory]
    [InlineData("%", "\\%%")]
    [InlineData("33010_", "33010\\_%")]
    [InlineData("a\\b", "a\\\\b%")]
    public void A_like_pattern_matches_its_prefix_literally(string region, string pattern) =>
        Assert.Equal(pattern, Jurisdiction.LikePattern(region));
}
