using Engine.Resources.Ecs;

namespace Engine.Tests.Ecs;

public class CommandBufferTests
{
    private struct Health
    {
        public int Value;
    }

    private struct Marker
    {
        public int Thread;
    }

    [Fact]
    public void Records_from_many_threads_and_plays_back_every_command()
    {
        var world = new World();
        var buffer = new CommandBuffer();
        const int threads = 4;
        const int perThread = 500;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                var e = buffer.Create();
                buffer.Add(e, new Marker { Thread = t });
                buffer.Add(e, new Health { Value = i });
            }
        });

        Assert.Equal(threads * perThread * 3, buffer.Count);
        buffer.Playback(world);

        Assert.Equal(threads * perThread, world.AliveCount);
        Assert.Equal(threads * perThread, world.Count<Marker>());
        Assert.Equal(threads * perThread, world.Count<Health>());
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void Destroy_and_remove_apply_in_recorded_order()
    {
        var world = new World();
        var a = world.Create();
        world.Add(a, new Health { Value = 1 });
        var b = world.Create();
        world.Add(b, new Health { Value = 2 });

        var buffer = new CommandBuffer();
        buffer.Remove<Health>(a);
        buffer.Destroy(b);
        var c = buffer.Create();
        buffer.Add(c, new Health { Value = 3 });
        buffer.Destroy(c);
        buffer.Playback(world);

        Assert.True(world.IsAlive(a));
        Assert.False(world.Has<Health>(a));
        Assert.False(world.IsAlive(b));
        Assert.Equal(1, world.AliveCount);
    }

    [Fact]
    public void A_command_on_a_dead_entity_is_reported_by_name_and_the_rest_still_apply()
    {
        var world = new World();
        var dead = world.Create();
        world.Destroy(dead);
        var live = world.Create();

        var buffer = new CommandBuffer();
        buffer.Add(dead, new Health { Value = 1 });
        buffer.Add(live, new Health { Value = 2 });

        var error = Assert.Throws<InvalidOperationException>(() => buffer.Playback(world));
        Assert.Contains(dead.ToString(), error.Message);
        Assert.Contains("stale", error.Message);
        Assert.Equal(2, world.Get<Health>(live).Value);
        Assert.Equal(0, buffer.Count);
    }
}
