using Xunit;
using Mail.Protocols.Pop3;

namespace Mail.Protocols.Tests.Pop3;

public class MaildropTests
{
    private static Maildrop ThreeMessages() => new(
    [
        new MaildropMessage(Uid: 101, Size: 120, UniqueId: "uid-a"),
        new MaildropMessage(Uid: 205, Size: 200, UniqueId: "uid-b"),
        new MaildropMessage(Uid: 307, Size: 5, UniqueId: "uid-c"),
    ]);

    [Fact]
    public void Messages_are_numbered_from_one_in_the_given_order()
    {
        var drop = ThreeMessages();
        Assert.Equal(3, drop.Count);
        Assert.Equal(new MaildropStat(3, 325), drop.Stat());
        Assert.Equal("3 325", drop.Stat().ToString());
        Assert.Equal(["1 120", "2 200", "3 5"], drop.List().Select(l => l.ToString()));
        Assert.Equal(["1 uid-a", "2 uid-b", "3 uid-c"], drop.Uidl().Select(l => l.ToString()));
        Assert.Equal(205, drop.Get(2).Value!.Uid);
        Assert.Equal(new ScanListing(3, 5), drop.List(3).Value);
        Assert.Equal(new UniqueIdListing(1, "uid-a"), drop.Uidl(1).Value);
    }

    [Fact]
    public void Deleted_message_disappears_from_stat_and_listings_but_keeps_the_numbers()
    {
        var drop = ThreeMessages();
        var deleted = drop.Delete(2);
        Assert.True(deleted.IsOk);
        Assert.Equal(205, deleted.Value!.Uid);
        Assert.True(drop.IsDeleted(2));
        Assert.False(drop.IsDeleted(1));
        Assert.Equal(new MaildropStat(2, 125), drop.Stat());
        Assert.Equal(["1 120", "3 5"], drop.List().Select(l => l.ToString()));
        Assert.Equal(["1 uid-a", "3 uid-c"], drop.Uidl().Select(l => l.ToString()));
        Assert.Equal(307, drop.Get(3).Value!.Uid);
        Assert.Equal([205L], drop.DeletedUids);
    }

    [Fact]
    public void Deleted_message_cannot_be_deleted_listed_or_fetched_again()
    {
        var drop = ThreeMessages();
        drop.Delete(2);
        Assert.Equal("message 2 already deleted", drop.Delete(2).Error);
        Assert.Equal("message 2 already deleted", drop.Get(2).Error);
        Assert.Equal("message 2 already deleted", drop.List(2).Error);
        Assert.Equal("message 2 already deleted", drop.Uidl(2).Error);
        Assert.False(drop.Get(2).IsOk);
        Assert.Equal([205L], drop.DeletedUids);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public void Out_of_range_numbers_are_no_such_message(int number)
    {
        var drop = ThreeMessages();
        Assert.Equal("no such message", drop.Get(number).Error);
        Assert.Equal("no such message", drop.Delete(number).Error);
        Assert.Equal("no such message", drop.List(number).Error);
        Assert.Equal("no such message", drop.Uidl(number).Error);
        Assert.False(drop.IsDeleted(number));
        Assert.Equal(new MaildropStat(3, 325), drop.Stat());
    }

    [Fact]
    public void Reset_unmarks_everything_and_reports_the_full_maildrop()
    {
        var drop = ThreeMessages();
        drop.Delete(1);
        drop.Delete(3);
        Assert.Equal([101L, 307L], drop.DeletedUids);
        Assert.Equal(new MaildropStat(3, 325), drop.Reset());
        Assert.Empty(drop.DeletedUids);
        Assert.True(drop.Delete(1).IsOk);
    }

    [Fact]
    public void Empty_maildrop()
    {
        var drop = new Maildrop([]);
        Assert.Equal(new MaildropStat(0, 0), drop.Stat());
        Assert.Empty(drop.List());
        Assert.Equal("no such message", drop.Get(1).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("caf\u00e9")]
    public void Invalid_uidl_strings_are_refused_at_construction(string uniqueId) =>
        Assert.Throws<ArgumentException>(() => new Maildrop([new MaildropMessage(1, 1, uniqueId)]));

    [Fact]
    public void Uidl_string_longer_than_70_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Maildrop([new MaildropMessage(1, 1, new string('a', 71))]));
}
