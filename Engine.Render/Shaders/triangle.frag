#version 450
layout(location = 0) in vec3 inColor;
layout(location = 0) out vec4 outColor;

// The frame's transient uniform buffer tints the triangle, so the descriptor set is really read.
layout(set = 0, binding = 0) uniform FrameUniforms
{
    vec4 tint;
} frame;

void main()
{
    outColor = vec4(inColor * frame.tint.rgb, 1.0);
}
