#version 450
// Writes each invocation's index into a storage buffer; used to build a compute pipeline.
layout(local_size_x = 64) in;
layout(set = 0, binding = 0) buffer Values
{
    uint values[];
};

void main()
{
    values[gl_GlobalInvocationID.x] = gl_GlobalInvocationID.x;
}
