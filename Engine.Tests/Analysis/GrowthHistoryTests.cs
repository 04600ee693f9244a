using Engine.Analysis;

namespace Engine.Tests.Analysis;

public class GrowthHistoryTests
{
    private static Dictionary<string, int> Counts(params (string Key, int Count)[] counts) => counts.ToDictionary(c => c.Key, c => c.Count);

    [Fact]
    public void A_group_is_growing_only_after_rising_in_each_of_the_last_three_samples()
    {
        var history = new GrowthHistory<string>();
        history.Add(10, Counts(("leak", 1), ("steady", 5), ("saw", 1)));
        history.Add(20, Counts(("leak", 2), ("steady", 5), ("saw", 2)));
        history.Add(30, Counts(("leak", 3), ("steady", 5), ("saw", 1)));
        Assert.False(history.IsGrowing("leak")); // two rises only
        history.Add(40, Counts(("leak", 4), ("steady", 5), ("saw", 2)));
        Assert.True(history.IsGrowing("leak"));
        Assert.False(history.IsGrowing("steady"));
        Assert.False(history.IsGrowing("saw")); // churn goes up and down
        Assert.Equal(["leak"], history.Growing().Select(g => g.Key));
        Assert.Equal([1, 2, 3, 4], history.Growing()[0].Series);
    }

    [Fact]
    public void A_group_that_appears_counts_zero_before_and_a_pause_ends_the_streak()
    {
        var history = new GrowthHistory<string>();
        history.Add(1, Counts());
        history.Add(2, Counts(("new", 1)));
        history.Add(3, Counts(("new", 2)));
        history.Add(4, Counts(("new", 3)));
        Assert.True(history.IsGrowing("new"));
        history.Add(5, Counts(("new", 3)));
        Assert.False(history.IsGrowing("new"));
    }

    [Fact]
    public void Only_the_last_samples_are_kept()
    {
        var history = new GrowthHistory<string>(rises: 3, kept: 5);
        for (int i = 0; i < 100; i++)
        {
            history.Add(i, Counts(("g", i)));
        }

        Assert.Equal([95L, 96, 97, 98, 99], history.Frames);
        Assert.Equal([95, 96, 97, 98, 99], history.Series("g"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrowthHistory<string>(rises: 3, kept: 3));
    }
}
