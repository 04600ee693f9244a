using Engine.Resources.Ecs;

namespace Engine.Tests.Ecs;

public class WorldTests
{
    private struct Position
    {
        public int X;
    }

    private struct Velocity
    {
    }

    [Fact]
    public void Destroyed_slots_are_reused_only_with_a_new_version()
    {
        var world = new World();
        var a = world.Create();
        world.Destroy(a);
        var b = world.Create();

        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.Version + 1, b.Version);
        Assert.False(world.IsAlive(a));
        Assert.True(world.IsAlive(b));
        Assert.Equal($"#{b.Id}v{b.Version}", b.ToString());
        Assert.False(world.IsAlive(Entity.Null));
        Assert.True(default(Entity).IsNull);
    }

    [Fact]
    public void Stale_entity_access_throws_naming_the_entity_and_changes_nothing()
    {
        var world = new World();
        var a = world.Create();
        world.Add(a, new Position { X = 1 });
        world.Destroy(a);
        var b = world.Create();
        world.Add(b, new Position { X = 2 });

        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(a));
        Assert.Contains(a.ToString(), error.Message);
        Assert.Contains("stale", error.Message);
        Assert.Equal(a, error.Entity);

        Assert.Throws<StaleEntityException>(() => world.Add(a, new Velocity()));
        Assert.Throws<StaleEntityException>(() => world.Destroy(a));
        Assert.Equal(2, world.Get<Position>(b).X);
        Assert.False(world.Has<Velocity>(b));
        Assert.Equal(1, world.AliveCount);
    }

    [Fact]
    public void Entity_that_never_existed_is_named_as_such()
    {
        var world = new World();
        world.Create();
        var error = Assert.Throws<StaleEntityException>(() => world.Get<Position>(new Entity(57, 1)));
        Assert.Contains("#57v1", error.Message);
        Assert.Contains("never existed", error.Message);

        var future = Assert.Throws<StaleEntityException>(() => world.Destroy(new Entity(0, 9)));
        Assert.Contains("never existed", future.Message);
    }

    [Fact]
    public void Components_are_added_read_by_reference_and_removed()
    {
        var world = new World();
        var e = world.Create();
        world.Add(e, new Position { X = 3 });
        world.Get<Position>(e).X += 4;

        Assert.Equal(7, world.Get<Position>(e).X);
        Assert.True(world.Has<Position>(e));
        Assert.Throws<InvalidOperationException>(() => world.Add(e, new Position()));

        world.Remove<Position>(e);
        Assert.False(world.Has<Position>(e));
        var missing = Assert.Throws<InvalidOperationException>(() => world.Get<Position>(e));
        Assert.Contains(e.ToString(), missing.Message);
        Assert.Contains(nameof(Position), missing.Message);
    }

    [Fact]
    public void Removing_from_the_middle_keeps_every_other_component()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 100).Select(i =>
        {
            var e = world.Create();
            world.Add(e, new Position { X = i });
            return e;
        }).ToList();

        for (int i = 0; i < 100; i += 3)
        {
            world.Destroy(entities[i]);
        }

        for (int i = 0; i < 100; i++)
        {
            if (i % 3 == 0)
            {
                Assert.False(world.IsAlive(entities[i]));
            }
            else
            {
                Assert.Equal(i, world.Get<Position>(entities[i]).X);
            }
        }

        Assert.Equal(66, world.Count<Position>());
    }
}
