namespace Engine.Tests.Core;

// Payload types for the core tests: stand-ins for native objects, with the id a destroy callback would free.
public struct InstancePayload
{
    public int Native;
}

public struct DevicePayload
{
    public int Native;
}

public struct ScopePayload
{
    public int Frame;
}

public struct BufferPayload
{
    public int Native;
}

public struct ImagePayload
{
    public int Native;
}
