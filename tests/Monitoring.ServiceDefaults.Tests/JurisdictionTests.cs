using Monitoring.ServiceDefaults.Access;
using Xunit;

namespace Monitoring.ServiceDefaults.Tests;

/// <summary>属地管理: a center sees its region and what lies under it, nothing beside it.</summary>
public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("330000", "330106", true)]  // the provincial center sees every county
    [InlineData("330000", "331100", true)]
    [InlineData("330100", "330100", true)]  // 杭州 sees itself
    [InlineData("330100", "330106", true)]  // and 西湖区
    [InlineData("330100", "330200", false)] // not 宁波
    [InlineData("330100", "331006", false)] // nor a 台州 county that shares no prefix
    [InlineData("330106", "330106", true)]  // a county center sees itself
    [InlineData("330106", "330108", false)] // not its neighbour
    [InlineData("330106", "330100", false)] // nor its city
    [InlineData("330000", "110101", false)] // nothing outside Zhejiang
    public void A_center_covers_its_region_and_below(string center, string region, bool covers) =>
        Assert.Equal(covers, Jurisdiction.Covers(center, region));
}
