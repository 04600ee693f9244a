namespace Engine.Resources.Ecs;

/// <summary>
/// Records structural changes (create, destroy, add, remove) from any number of threads and plays them back on the
/// world's thread at a sync point. <see cref="Create"/> returns a placeholder entity (negative id) that later
/// commands in the same buffer may name; playback maps it to the real entity.
/// Recording is serialised by one lock: cheap when uncontended, and it keeps the command order exactly the order
/// in which threads recorded. Buffers are reused after playback, so steady-state recording allocates nothing.
/// </summary>
internal sealed class CommandBuffer
{
    private readonly object _lock = new();
    private Command[] _commands = new Command[64];
    private int _count;
    private int _placeholders;
    private IValueBuffer?[] _values = new IValueBuffer?[16];
    private Entity[] _created = new Entity[16];

    private enum Op : byte
    {
        Create,
        Destroy,
        Add,
        Remove,
    }

    /// <summary>Commands recorded and not yet played back.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Records the creation of an entity; the returned placeholder is valid only inside this buffer.</summary>
    public Entity Create()
    {
        lock (_lock)
        {
            var placeholder = new Entity(-(++_placeholders), 1);
            Append(new Command(Op.Create, placeholder, -1, -1));
            return placeholder;
        }
    }

    /// <summary>Records the destruction of an entity (a real one or a placeholder from <see cref="Create"/>) and of
    /// all its components. At playback the command is skipped, and reported, if the entity is dead.</summary>
    public void Destroy(Entity entity)
    {
        lock (_lock)
        {
            Append(new Command(Op.Destroy, entity, -1, -1));
        }
    }

    /// <summary>Records adding a copy of <paramref name="component"/> (taken now) to an entity, real or placeholder.
    /// At playback the command is skipped, and reported, if the entity is dead or already has a
    /// <typeparamref name="T"/>.</summary>
    public void Add<T>(Entity entity, in T component) where T : struct
    {
        lock (_lock)
        {
            int type = ComponentType<T>.Id;
            int index = Values<T>(type).Push(component);
            Append(new Command(Op.Add, entity, type, index));
        }
    }

    /// <summary>Records removing the <typeparamref name="T"/> of an entity, real or placeholder. At playback the
    /// command is skipped, and reported, if the entity is dead or has no <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) where T : struct
    {
        lock (_lock)
        {
            int type = ComponentType<T>.Id;
            Values<T>(type); // the typed buffer also knows how to remove a T
            Append(new Command(Op.Remove, entity, type, -1));
        }
    }

    /// <summary>
    /// Applies every recorded command in order, on the calling (world-owning) thread, then clears the buffer.
    /// A command naming a dead entity is skipped; the others still apply, and afterwards one exception lists
    /// every skipped command, naming its entity.
    /// </summary>
    public void Playback(World world)
    {
        List<string>? failures = null;
        lock (_lock)
        {
            if (_created.Length < _placeholders)
            {
                Array.Resize(ref _created, Math.Max(_placeholders, _created.Length * 2));
            }

            for (int i = 0; i < _count; i++)
            {
                ref Command command = ref _commands[i];
                try
                {
                    Apply(world, command);
                }
                catch (StaleEntityException e)
                {
                    (failures ??= new List<string>()).Add($"{command.Op} {e.Message}");
                }
                catch (InvalidOperationException e)
                {
                    (failures ??= new List<string>()).Add($"{command.Op}: {e.Message}");
                }
            }

            _count = 0;
            _placeholders = 0;
            foreach (var values in _values)
            {
                values?.Clear();
            }
        }

        if (failures is not null)
        {
            throw new InvalidOperationException(
                $"Command buffer playback skipped {failures.Count} command(s): {string.Join(" ", failures)}");
        }
    }

    private void Apply(World world, in Command command)
    {
        if (command.Op == Op.Create)
        {
            _created[-command.Entity.Id - 1] = world.Create();
            return;
        }

        Entity target = command.Entity.Id < 0 ? _created[-command.Entity.Id - 1] : command.Entity;
        switch (command.Op)
        {
            case Op.Destroy:
                world.Destroy(target);
                break;
            case Op.Add:
                _values[command.TypeId]!.AddTo(world, target, command.ValueIndex);
                break;
            case Op.Remove:
                _values[command.TypeId]!.RemoveFrom(world, target);
                break;
        }
    }

    private void Append(in Command command)
    {
        if (_count == _commands.Length)
        {
            Array.Resize(ref _commands, _count * 2);
        }

        _commands[_count++] = command;
    }

    private ValueBuffer<T> Values<T>(int type) where T : struct
    {
        if (type >= _values.Length)
        {
            Array.Resize(ref _values, Math.Max(type + 1, _values.Length * 2));
        }

        return (ValueBuffer<T>)(_values[type] ??= new ValueBuffer<T>());
    }

    private readonly record struct Command(Op Op, Entity Entity, int TypeId, int ValueIndex);

    private interface IValueBuffer
    {
        void AddTo(World world, Entity entity, int index);

        void RemoveFrom(World world, Entity entity);

        void Clear();
    }

    private sealed class ValueBuffer<T> : IValueBuffer where T : struct
    {
        private T[] _items = new T[8];
        private int _count;

        public int Push(in T value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count] = value;
            return _count++;
        }

        public void AddTo(World world, Entity entity, int index) => world.Add(entity, _items[index]);

        public void RemoveFrom(World world, Entity entity) => world.Remove<T>(entity);

        public void Clear()
        {
            Array.Clear(_items, 0, _count);
            _count = 0;
        }
    }
}
